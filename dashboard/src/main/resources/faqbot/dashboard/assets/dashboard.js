// Draws the overview's stacked bar chart with uPlot from the JSON the page carries. uPlot has no
// stacked bars of its own: each series is drawn at its running total, tallest first, so each
// later (shorter) bar covers the lower part of the one before it and the visible bands stack.
(function () {
  'use strict';
  var holder = document.getElementById('chart');
  var source = document.getElementById('chart-data');
  if (!holder || !source || typeof uPlot === 'undefined') {
    return;
  }
  var d = JSON.parse(source.textContent);
  var running = d.x.map(function () { return 0; });
  var totals = d.series.map(function (s) {
    running = running.map(function (v, i) { return v + s.values[i]; });
    return running.slice();
  });
  var data = [d.x];
  var series = [{}];
  for (var i = d.series.length - 1; i >= 0; i--) {
    (function (s, total) {
      data.push(total);
      series.push({
        label: s.name,
        stroke: '#333333',
        width: 1,
        fill: s.color,
        paths: uPlot.paths.bars({ size: [0.8, 64] }),
        points: { show: false },
        value: function (u, v, si, idx) { return idx == null ? '' : s.values[idx]; }
      });
    })(d.series[i], totals[i]);
  }
  var hourly = holder.getAttribute('data-hourly') === 'true';
  var step = hourly ? 3600 : 86400;
  var first = d.x[0];
  var last = d.x[d.x.length - 1];
  function width() { return Math.max(280, holder.clientWidth); }
  var plot = new uPlot({
    width: width(),
    height: 300,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    // half a bucket of room on both sides, so the first and last bars are drawn whole
    scales: {
      x: { time: true, range: function () { return [first - step / 2, last + step / 2]; } },
      y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } }
    },
    axes: [
      {
        // ticks on whole buckets only: a day is never labelled twice
        incrs: hourly ? [3600, 7200, 10800, 21600] : [86400, 172800, 604800, 1209600],
        values: hourly ? '{HH}:{mm}' : '{MMM} {D}',
        stroke: '#1a1a1a'
      },
      { stroke: '#1a1a1a', label: 'Messages' }
    ],
    series: series,
    tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }
  }, data, holder);
  holder.setAttribute('data-rendered', 'true');
  window.addEventListener('resize', function () { plot.setSize({ width: width(), height: 300 }); });
})();
