// The pipeline page: polls /pipeline with the token (fetch can send the Authorization header, an
// EventSource cannot) and derives rates from successive answers.
(function () {
  'use strict';

  const REFRESH_MS = 3000;
  const KEEP_SECONDS = 300;
  const TOKEN_KEY = 'userstream-api-token';

  const form = document.getElementById('token-form');
  const status = document.getElementById('status');
  const main = document.getElementById('pipeline');
  const chartBox = document.getElementById('flow-chart');

  let previous = null;
  let chart = null;
  let series = [];
  const points = [[]];
  let maxRate = 0;
  let timer = null;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
    start();
  });

  if (sessionStorage.getItem(TOKEN_KEY)) {
    start();
  }

  function start() {
    form.hidden = true;
    main.hidden = false;
    status.textContent = 'Loading...';
    refresh();
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const response = await fetch('/pipeline', {
        headers: { 'Authorization': 'Bearer ' + sessionStorage.getItem(TOKEN_KEY), 'Accept': 'application/json' },
        cache: 'no-store'
      });
      if (response.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        form.hidden = false;
        main.hidden = true;
        status.textContent = 'The token was refused. Enter it again.';
        return;
      }
      if (!response.ok) {
        throw new Error('persist-service answered ' + response.status);
      }
      show(await response.json());
    }
    catch (error) {
      status.textContent = 'persist-service does not answer (' + error.message + '); trying again.';
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  function show(now) {
    const problems = [now.kafkaError, now.databaseError].filter(Boolean);
    status.textContent = (problems.length ? problems.join('. ') + '. ' : '') +
      'Updated ' + new Date(now.at).toLocaleTimeString() + ', every ' + REFRESH_MS / 1000 + ' s.';
    text('kafka-error', now.kafkaError);
    text('database-error', now.databaseError);
    if (now.kafka) {
      stages(now.kafka.stages);
      deadLetters(now.kafka.deadLetters);
    }
    if (now.database) {
      stored(now.database);
    }
    flow(now);
    previous = now;
  }

  function flow(now) {
    if (!previous || !previous.kafka || !now.kafka) {
      return;
    }
    const seconds = (Date.parse(now.at) - Date.parse(previous.at)) / 1000;
    if (seconds <= 0) {
      return;
    }
    const names = now.kafka.topics.map((topic) => topic.name).concat(['rows stored']);
    const counts = now.kafka.topics.map((topic) => topic.records)
      .concat([now.database ? now.database.rows : null]);
    const before = previous.kafka.topics.map((topic) => topic.records)
      .concat([previous.database ? previous.database.rows : null]);
    if (!chart || series.join() !== names.join()) {
      series = names;
      newChart(names);
    }
    points[0].push(Date.parse(now.at) / 1000);
    counts.forEach((count, i) => {
      const rate = (count === null || before[i] === null) ? null : Math.max(0, (count - before[i]) / seconds);
      points[i + 1].push(rate);
      if (rate !== null && rate > maxRate) {
        maxRate = rate;
      }
    });
    while (points[0].length && points[0][0] < points[0][points[0].length - 1] - KEEP_SECONDS) {
      points.forEach((values) => values.shift());
    }
    chartBox.dataset.maxRate = String(Math.round(maxRate));
    chartBox.dataset.points = String(points[0].length);
    const rowsRate = points[points.length - 1][points[0].length - 1];
    document.getElementById('rows-per-second').textContent = rowsRate === null ? '-' : Math.round(rowsRate).toLocaleString();
    chart.setData(points);
  }

  function newChart(names) {
    if (chart) {
      chart.destroy();
    }
    points.length = 1;
    points[0] = [];
    names.forEach(() => points.push([]));
    const colors = ['#2563eb', '#16a34a', '#d97706', '#7c3aed'];
    chart = new uPlot({
      width: Math.max(300, chartBox.clientWidth),
      height: 260,
      series: [{}].concat(names.map((name, i) => ({
        label: name, stroke: colors[i % colors.length], width: 2, value: (u, v) => v === null ? '-' : Math.round(v) + '/s'
      }))),
      axes: [{}, { label: 'records/s' }]
    }, points, chartBox);
    window.addEventListener('resize', () => chart.setSize({ width: Math.max(300, chartBox.clientWidth), height: 260 }));
  }

  function stages(list) {
    const body = document.querySelector('#stages tbody');
    body.replaceChildren(...list.map((stage) => row([
      stage.service, stage.input, number(stage.committed), number(stage.lag),
      stage.consuming ? 'consuming' : 'NOT CONSUMING'
    ], stage.consuming ? 'state-ok' : 'state-stalled')));
  }

  function deadLetters(list) {
    const box = document.getElementById('dead-letters');
    box.replaceChildren(...list.map((topic) => {
      const div = element('div', 'dead-letter-topic');
      div.dataset.topic = topic.topic;
      const title = element('strong', null, topic.topic + ': ' + number(topic.records));
      const reasons = element('ul');
      topic.latest.forEach((letter) => reasons.append(element('li', null,
        new Date(letter.time).toLocaleTimeString() + ' ' + shortClass(letter.exceptionClass) + ': ' + (letter.reason || ''))));
      div.append(title, reasons);
      return div;
    }));
  }

  function stored(database) {
    document.getElementById('rows-stored').textContent = number(database.rows);
    const latency = database.latency;
    ['p50', 'p95', 'p99'].forEach((p) => {
      const millis = latency[p + 'Millis'];
      document.getElementById('latency-' + p).textContent = millis === null ? '-' : Math.round(millis).toLocaleString() + ' ms';
    });
    document.getElementById('latency-window').textContent = 'Publish to row, over the ' + latency.users.toLocaleString() +
      ' users stored in the last ' + Math.round(latency.windowSeconds / 60) + ' minutes.';
    bars('labels', database.labels);
    bars('genders', database.genders);
    const body = document.querySelector('#newest tbody');
    body.replaceChildren(...database.newest.map((user) => row([
      user.id, (user.firstName || '') + ' ' + (user.lastName || ''), user.gender || '', user.labels || '',
      user.publishedAt ? new Date(user.publishedAt).toLocaleTimeString() : '-',
      (user.publishedAt && user.storedAt) ? (Date.parse(user.storedAt) - Date.parse(user.publishedAt)) + ' ms' : '-'
    ])));
  }

  function bars(id, counts) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
    document.getElementById(id).replaceChildren(...Object.entries(counts).map(([name, count]) => {
      const line = element('div');
      const bar = element('span', 'bar');
      bar.style.width = (100 * count / total) + '%';
      const track = element('span');
      track.append(bar);
      line.append(element('span', null, name), track, element('span', null, number(count)));
      return line;
    }));
  }

  function row(cells, lastClass) {
    const tr = element('tr');
    cells.forEach((cell, i) => {
      const td = element('td', typeof cell === 'string' && /^[\d,.\s]+$/.test(cell) ? 'number' : null, cell);
      if (lastClass && i === cells.length - 1) {
        td.className = lastClass;
      }
      tr.append(td);
    });
    return tr;
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = String(content);
    }
    return node;
  }

  function text(id, message) {
    const node = document.getElementById(id);
    node.hidden = !message;
    node.textContent = message || '';
  }

  function number(value) {
    return value === null || value === undefined ? '-' : Number(value).toLocaleString('en-US');
  }

  function shortClass(name) {
    return name ? name.substring(name.lastIndexOf('.') + 1) : 'unknown';
  }
})();
