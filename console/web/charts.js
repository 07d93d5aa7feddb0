import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from './dom.js';

const COLOURS = ['#0b57d0', '#b3261e', '#146c2e', '#7d5700'];
const POINTS = 150;

/** A live time-series chart (uPlot): push(values) appends one sample per series at the current time. */
export function liveChart(container, title, labels) {
  const box = el('figure', { class: 'chart' }, el('figcaption', {}, title));
  container.append(box);
  const data = [[], ...labels.map(() => [])];
  const width = () => Math.max(200, (box.clientWidth || 300) - 8);
  const plot = new uPlot({
    width: width(),
    height: 170,
    series: [{}, ...labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: false } }))],
    axes: [{ stroke: '#333' }, { stroke: '#333', size: 60 }],
    scales: { x: { time: true } },
    legend: { live: false },
  }, data, box);
  let max = 0;
  // the figure's width is the grid's to decide (it changes as the other charts are added, and with the window)
  const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 170 }));
  observer.observe(box);
  return {
    element: box,
    push(values) {
      data[0].push(Date.now() / 1000);
      values.forEach((v, i) => data[i + 1].push(Number.isFinite(v) ? v : null));
      if (data[0].length > POINTS) data.forEach((series) => series.shift());
      plot.setData(data);
      box.dataset.points = String(data[0].length);
      max = Math.max(max, ...values.filter(Number.isFinite));
      box.dataset.max = String(max);
      box.dataset.last = values.map((v) => (Number.isFinite(v) ? v.toFixed(3) : '')).join(',');
    },
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}
