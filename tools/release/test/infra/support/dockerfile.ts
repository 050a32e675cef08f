// A Dockerfile read with dockerfile-ast (the parser behind VS Code's Docker support), as
// stages of instructions: enough to check what an image copies, runs, and runs as.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { read } from './files';

export type Step = { keyword: string; args: string[]; flags: Record<string, string | null>; text: string };
export type Stage = { name: string | null; image: string; steps: Step[] };

export function readStages(path: string): Stage[] {
  const dockerfile = DockerfileParser.parse(read(path));
  // `ARG X=…` before the first FROM: the only variables a FROM may use.
  const args = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property?.getName()) args.set(property.getName(), property.getValue() ?? '');
  }
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const step = toStep(instruction);
    if (step.keyword === 'FROM') {
      const image = step.args[0]!.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a?: string, b?: string) => args.get(a ?? b ?? '') ?? '');
      const as = step.args.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({ name: as >= 0 ? step.args[as + 1]! : null, image, steps: [] });
    } else if (stages.length > 0) {
      stages.at(-1)!.steps.push(step);
    }
  }
  return stages;
}

function toStep(instruction: Instruction): Step {
  const flags: Record<string, string | null> = {};
  const withFlags = instruction as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  for (const flag of withFlags.getFlags?.() ?? []) flags[flag.getName()] = flag.getValue();
  return {
    keyword: instruction.getKeyword().toUpperCase(),
    args: instruction.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--')),
    flags,
    text: instruction.getTextContent(),
  };
}

/** Sources a stage copies from the build context (not from another stage). */
export function contextCopies(stage: Stage): string[] {
  return stage.steps
    .filter((s) => (s.keyword === 'COPY' || s.keyword === 'ADD') && !('from' in s.flags))
    .flatMap((s) => s.args.slice(0, -1));
}
