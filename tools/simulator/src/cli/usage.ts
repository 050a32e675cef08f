// The CLI's help text (`npm run simulator -- --help`).
export const USAGE = `TickStockPL simulator: publishes what TickStockPL publishes, on Redis.

usage: npm run simulator -- <command> [options]

commands:
  run quick                  session start, 3 patterns, 5 indicators, an RSI_OVERBOUGHT alert, health, stop
  run session [--duration S] [--symbols N]
                             a continuous session (until Ctrl-C without --duration): patterns in ~30%
                             of seconds, indicators in ~70%, health every 10 s, alerts now and then
  run formats                every payload generation once, then the old smoke test's junk on all 12 channels
  run load [--rate R] [--symbols N] [--duration S]
                             R events/s (default 1000) over N symbols (default 500) for S seconds (default 60)
  record [--out FILE] [--duration S]
                             writes every message on the 12 channels, with timing, to FILE (JSONL)
                             until Ctrl-C or S seconds (default FILE: tickstock-<time>.jsonl)
  replay FILE [--speed N|max]
                             publishes a recording again at its own pace, N times faster, or at once

options:
  --format A|B|C|mixed       payload generation for run (default C; mixed: a pick per message)
  --seed N                   same seed, same messages (run only)
  --redis-url URL            default: REDIS_URL, else redis://127.0.0.1:6379
  -h, --help                 this text

While it runs, the simulator keeps the producer heartbeat (tickstock:producer:heartbeat) fresh.
Examples:
  npm run simulator -- run session --duration 60 --format mixed
  npm run simulator -- record --out day.jsonl
  npm run simulator -- replay day.jsonl --speed 10`;
