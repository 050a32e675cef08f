// A uPlot plugin that draws pattern detections on the indicator chart: a dashed vertical line at
// each detection with a small triangle on top, coloured by confidence (thicker for priority ones).
import type uPlot from 'uplot';
import type { PatternMarker } from './series';

export type MarkerColours = Record<PatternMarker['level'], string>;

export function markersPlugin(markers: () => readonly PatternMarker[], colours: MarkerColours): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const ctx = u.ctx;
        const { top, height } = u.bbox;
        const [min, max] = [u.scales['x']?.min ?? -Infinity, u.scales['x']?.max ?? Infinity];
        ctx.save();
        for (const m of markers()) {
          if (m.x < min || m.x > max) continue;
          const x = Math.round(u.valToPos(m.x, 'x', true));
          ctx.strokeStyle = colours[m.level];
          ctx.fillStyle = colours[m.level];
          ctx.lineWidth = (m.priority ? 2 : 1) * devicePixelRatio;
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          const s = 5 * devicePixelRatio;
          ctx.setLineDash([]);
          ctx.beginPath();
          ctx.moveTo(x - s, top);
          ctx.lineTo(x + s, top);
          ctx.lineTo(x, top + s * 1.4);
          ctx.closePath();
          ctx.fill();
        }
        ctx.restore();
      },
    },
  };
}
