import { call, followStream, ApiError } from './api.js';
import { t, KEY_GROUPS, ACCOMMODATIONS } from './i18n.js';
import { el, clear, field, checkbox } from './dom.js';
import { matchPlot } from './plot.js';
import { reasonText } from './reasons.js';

// The reference seeker app: what a mobile app does, on the same APIs. The device keeps the seeker's token, the id of
// the last stream event it handled and the matches it dismissed (localStorage), so a reload resumes exactly there.
const STORE = 'doorstep.seeker';

const SKILL_SUGGESTIONS = ['Welding', 'Electrician', 'Java', 'SQL', 'Python', 'Forklift operation', 'Cooking', 'Cleaning',
  'Customer service', 'Sales', 'Accounting', 'Nursing', 'Elderly care', 'Driving', 'Warehouse', 'Logistics', 'Teaching',
  'Carpentry', 'Plumbing', 'Solar panel installation', 'Agriculture', 'Sewing', 'Excel', 'Marketing', 'Photovoltaics',
  '焊接', '电工', '叉车', '烹饪', '保洁', '客服', '销售', '会计', '护理', '养老护理', '驾驶', '仓储', '物流', '教学', '木工'];

function load() {
  try {
    return JSON.parse(localStorage.getItem(STORE)) || {};
  } catch {
    return {};
  }
}

function save(state) {
  localStorage.setItem(STORE, JSON.stringify(state));
}

let stream = null;

export function stopSeeker() {
  stream?.stop();
  stream = null;
}

export function renderSeeker(root) {
  stopSeeker();
  const device = load();
  if (!device.token) {
    renderRegistration(root);
    return;
  }
  renderHome(root, device);
}

function renderRegistration(root, message) {
  const name = el('input', { type: 'text', autocomplete: 'name', maxlength: 100, required: true });
  const lat = el('input', { type: 'number', step: 'any', min: -90, max: 90, value: '30.65', required: true });
  const lon = el('input', { type: 'number', step: 'any', min: -180, max: 180, value: '104.07', required: true });
  const distance = el('input', { type: 'number', min: 0, max: 20000, value: '20' });
  const skills = el('input', { type: 'text', list: 'skill-suggestions', placeholder: 'Welding, Forklift operation' });
  const status = el('p', { role: 'status', class: 'status' });
  const form = el('form', { class: 'card', 'aria-labelledby': 'register-title' },
    el('h1', { id: 'register-title' }, t('seeker.register.title')),
    message ? el('p', { class: 'notice', role: 'status' }, message) : null,
    field(t('seeker.displayName'), name),
    el('div', { class: 'row' }, field(t('seeker.lat'), lat), field(t('seeker.lon'), lon)),
    field(t('seeker.maxDistanceKm'), distance),
    field(t('seeker.skills'), skills, t('seeker.skills.hint')),
    suggestions(),
    el('button', { type: 'submit', class: 'primary' }, t('seeker.register.submit')),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const profile = {
      displayName: name.value.trim() || undefined,
      location: { lat: Number(lat.value), lon: Number(lon.value) },
      maxDistanceKm: distance.value === '' ? undefined : Number(distance.value),
      skills: skills.value.split(/[,，]/).map((s) => s.trim()).filter(Boolean).map((label) => ({ label })),
    };
    try {
      const registered = await call('seekers', 'POST', '/api/v1/seekers', { body: profile });
      save({ token: registered.token, seekerId: registered.seekerId, lastEventId: null, dismissed: [] });
      renderSeeker(root);
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.describe() : t('common.error');
    }
  });
  clear(root, form);
  name.focus();
}

function suggestions() {
  return el('datalist', { id: 'skill-suggestions' }, SKILL_SUGGESTIONS.map((s) => el('option', { value: s })));
}

function renderHome(root, device) {
  const matches = new Map();
  const list = el('ul', { class: 'matches', id: 'matches', 'aria-labelledby': 'matches-title' });
  const live = el('span', { class: 'badge', id: 'stream-state' }, t('common.loading'));
  const announcer = el('p', { class: 'sr-only', 'aria-live': 'polite', id: 'announcer' });
  const plot = el('div', { class: 'plot', id: 'match-plot' });
  const profile = el('section', { class: 'card', 'aria-labelledby': 'profile-title' });
  const dismissed = new Set(device.dismissed || []);

  const remember = () => {
    const state = load();
    state.dismissed = [...dismissed].slice(-500);
    save(state);
  };

  const render = () => {
    const items = [...matches.values()].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    clear(list, items.length === 0 ? el('li', { class: 'empty' }, t('seeker.matches.none'))
      : items.map((m) => matchCard(m, device.token, {
        onDismiss: () => {
          dismissed.add(m.matchId);
          matches.delete(m.matchId);
          remember();
          render();
        },
        onApply: () => {
          m.feedback = 'APPLIED';
          render();
        },
      })));
    clear(plot, matchPlot(lastProfile?.location, items.map((m) => m.posting)));
  };

  let lastProfile = null;
  const accept = (match, announce) => {
    if (!match?.matchId || dismissed.has(match.matchId)) return;
    const known = matches.get(match.matchId);
    matches.set(match.matchId, { ...known, ...match, feedback: match.feedback ?? known?.feedback ?? null });
    if (announce && !known) announcer.textContent = t('seeker.matches.new', match.posting?.title || '');
  };

  clear(root,
    el('div', { class: 'columns' },
      el('section', { class: 'card', 'aria-labelledby': 'matches-title' },
        el('div', { class: 'heading' }, el('h1', { id: 'matches-title' }, t('seeker.matches.title')), live),
        announcer,
        list,
        el('h2', {}, t('seeker.plot.title')),
        plot),
      profile));

  (async () => {
    try {
      const page = await call('notification', 'GET', '/api/v1/me/matches?limit=100', { token: device.token });
      for (const item of page.items) accept(item, false);
    } catch (error) {
      if (error.status === 401) {
        localStorage.removeItem(STORE);
        renderSeeker(root);
        return;
      }
    }
    render();
    stream = followStream('notification', '/api/v1/me/matches/stream', device.token, {
      lastEventId: load().lastEventId,
      onState: (state) => {
        live.textContent = state === 'open' ? t('seeker.matches.live') : t('seeker.matches.reconnecting');
        live.dataset.state = state;
        if (state === 'unauthorized') {
          localStorage.removeItem(STORE);
          renderSeeker(root);
        }
      },
      onEvent: (event) => {
        const data = JSON.parse(event.data);
        if (event.event === 'match.found') accept(data, true);
        else if (event.event === 'match.withdrawn') matches.delete(data.matchId);
        else if (event.event === 'digest') (data.matches || []).forEach((m) => accept(m, true));
        if (event.id !== null) {
          const state = load();
          state.lastEventId = event.id;
          save(state);
        }
        render();
      },
    });
  })();

  renderProfile(profile, device, root, (view) => {
    lastProfile = view;
    render();
  });
}

function matchCard(m, token, { onDismiss, onApply }) {
  const posting = m.posting || {};
  const title = posting.title || m.postingId;
  const salary = posting.salary ? `${posting.salary.min ?? ''}–${posting.salary.max ?? ''} ${posting.salary.currency} / ${posting.salary.period}` : null;
  const applied = m.feedback === 'APPLIED';
  const act = async (kind, done) => {
    try {
      await call('notification', 'POST', `/api/v1/me/matches/${encodeURIComponent(m.matchId)}/${kind}`, { token });
      done();
    } catch (error) {
      if (error.status === 404) done();
    }
  };
  return el('li', { class: 'match', 'data-match-id': m.matchId },
    el('article', { 'aria-label': title },
      el('h3', {}, title),
      el('p', { class: 'meta' }, [posting.location?.address, salary, posting.employmentType].filter(Boolean).join(' · ')),
      el('p', { class: 'score' }, t('seeker.match.score', Math.round((m.score ?? 0) * 100) + '%')),
      el('details', { open: true },
        el('summary', {}, t('seeker.match.reasons')),
        el('ul', { class: 'reasons' }, (m.reasons || []).map((r) => el('li', { 'data-factor': r.factor }, reasonText(r))))),
      el('div', { class: 'actions' },
        applied ? el('span', { class: 'badge applied' }, t('seeker.match.applied'))
          : el('button', { type: 'button', class: 'primary', 'aria-label': t('seeker.match.applyLabel', title), 'data-action': 'apply',
            onclick: () => act('apply', onApply) }, t('seeker.match.apply')),
        el('button', { type: 'button', 'aria-label': t('seeker.match.dismissLabel', title), 'data-action': 'dismiss',
          onclick: () => act('dismiss', onDismiss) }, t('seeker.match.dismiss')))));
}

async function renderProfile(section, device, root, onProfile) {
  clear(section, el('p', {}, t('common.loading')));
  let view;
  try {
    view = await call('seekers', 'GET', '/api/v1/seekers/me', { token: device.token });
  } catch {
    return;
  }
  onProfile(view);
  const skills = [...(view.skills || [])];
  const skillList = el('ul', { class: 'chips', 'aria-label': t('seeker.skills') });
  const drawSkills = () => clear(skillList, skills.length === 0 ? el('li', { class: 'empty' }, t('seeker.skills.none'))
    : skills.map((s, i) => el('li', { class: 'chip' }, s.label || s.escoUri,
      el('button', { type: 'button', class: 'link', 'aria-label': t('seeker.skills.remove', s.label || s.escoUri),
        onclick: () => { skills.splice(i, 1); drawSkills(); } }, '×'))));
  drawSkills();
  const addSkill = (label) => {
    const clean = label.trim();
    if (clean && !skills.some((s) => (s.label || '').toLowerCase() === clean.toLowerCase())) skills.push({ label: clean });
    drawSkills();
  };
  const newSkill = el('input', { type: 'text', list: 'skill-suggestions' });
  const resume = el('textarea', { rows: 3 });
  const found = el('div', { class: 'suggested', 'aria-live': 'polite' });

  const name = el('input', { type: 'text', value: view.displayName || '', maxlength: 100 });
  const lat = el('input', { type: 'number', step: 'any', value: view.location?.lat ?? '' });
  const lon = el('input', { type: 'number', step: 'any', value: view.location?.lon ?? '' });
  const region = el('input', { type: 'text', value: view.location?.regionCode || '', pattern: '[0-9A-Za-z-]{1,20}' });
  const distance = el('input', { type: 'number', min: 0, max: 20000, value: view.maxDistanceKm ?? '' });
  const consentGroups = checkbox(t('seeker.consent.keyGroups'), view.consent?.keyGroups);
  const share = checkbox(t('seeker.consent.share'), view.consent?.shareWithPartners);
  const groups = KEY_GROUPS.map((g) => checkbox(t(`group.${g}`), (view.keyGroups || []).includes(g), { value: g }));
  const needs = ACCOMMODATIONS.map((a) => checkbox(t(`acc.${a}`), (view.accommodationNeeds || []).includes(a), { value: a }));
  const consentBox = consentGroups.querySelector('input');
  const sensitive = [...groups, ...needs].map((c) => c.querySelector('input'));
  const gate = () => sensitive.forEach((input) => { input.disabled = !consentBox.checked; });
  consentBox.addEventListener('change', gate);
  gate();
  const n = view.notifications || {};
  const quietStart = el('input', { type: 'time', value: n.quietHours?.start || '' });
  const quietEnd = el('input', { type: 'time', value: n.quietHours?.end || '' });
  const zone = el('input', { type: 'text', value: n.quietHours?.zone || n.digest?.zone || 'Asia/Shanghai' });
  const cap = el('input', { type: 'number', min: 0, max: 1000, value: n.maxPerDay ?? '' });
  const digestMode = el('select', {},
    ['NONE', 'DAILY'].map((mode) => el('option', { value: mode, selected: (n.digest?.mode || 'NONE') === mode }, t(`seeker.digest.${mode}`))));
  const digestAt = el('input', { type: 'time', value: n.digest?.at || '19:00' });
  const status = el('p', { role: 'status', class: 'status' });

  const form = el('form', { 'aria-labelledby': 'profile-title' },
    el('h2', { id: 'profile-title' }, t('seeker.profile.title')),
    field(t('seeker.displayName'), name),
    el('div', { class: 'row' }, field(t('seeker.lat'), lat), field(t('seeker.lon'), lon)),
    el('div', { class: 'row' }, field(t('seeker.regionCode'), region), field(t('seeker.maxDistanceKm'), distance)),
    el('fieldset', {}, el('legend', {}, t('seeker.skills')), skillList,
      el('div', { class: 'row end' }, field(t('seeker.skills.add'), newSkill, t('seeker.skills.hint')),
        el('button', { type: 'button', onclick: () => { addSkill(newSkill.value); newSkill.value = ''; newSkill.focus(); } }, t('seeker.skills.add'))),
      suggestions(),
      field(t('seeker.resume'), resume),
      el('button', { type: 'button', onclick: async () => {
        try {
          const result = await call('matching', 'POST', '/api/v1/skills:extract', { body: { text: resume.value } });
          const labels = (result.skills || []).map((s) => s.label);
          clear(found, labels.length === 0 ? t('seeker.resume.nothing')
            : [el('p', {}, t('seeker.resume.found')), labels.map((label) => el('button', { type: 'button', class: 'chip',
              onclick: (e) => { addSkill(label); e.target.remove(); } }, `+ ${label}`))]);
        } catch (error) {
          clear(found, error instanceof ApiError ? error.describe() : t('common.error'));
        }
      } }, t('seeker.resume.suggest')),
      found),
    el('fieldset', {}, el('legend', {}, t('seeker.keyGroups')), consentGroups, el('div', { class: 'grid' }, groups),
      el('p', { class: 'legend2' }, t('seeker.accommodations')), el('div', { class: 'grid' }, needs), share),
    el('fieldset', {}, el('legend', {}, t('seeker.quiet')),
      el('div', { class: 'row' }, field(t('seeker.quiet.start'), quietStart), field(t('seeker.quiet.end'), quietEnd)),
      field(t('seeker.quiet.zone'), zone),
      field(t('seeker.maxPerDay'), cap)),
    el('fieldset', {}, el('legend', {}, t('seeker.digest')),
      el('div', { class: 'row' }, field(t('seeker.digest.mode'), digestMode), field(t('seeker.digest.at'), digestAt))),
    el('button', { type: 'submit', class: 'primary' }, t('common.save')),
    status);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { ...view };
    body.displayName = name.value.trim() || null;
    body.location = lat.value === '' || lon.value === '' ? null
      : { lat: Number(lat.value), lon: Number(lon.value), regionCode: region.value.trim() || null };
    body.maxDistanceKm = distance.value === '' ? null : Number(distance.value);
    body.skills = skills;
    body.consent = { keyGroups: consentBox.checked, shareWithPartners: share.querySelector('input').checked };
    body.keyGroups = consentBox.checked ? groups.map((c) => c.querySelector('input')).filter((i) => i.checked).map((i) => i.value) : [];
    body.accommodationNeeds = consentBox.checked ? needs.map((c) => c.querySelector('input')).filter((i) => i.checked).map((i) => i.value) : [];
    body.notifications = {
      ...n,
      quietHours: quietStart.value && quietEnd.value ? { start: quietStart.value, end: quietEnd.value, zone: zone.value.trim() } : null,
      maxPerDay: cap.value === '' ? null : Number(cap.value),
      digest: digestMode.value === 'DAILY' ? { mode: 'DAILY', at: digestAt.value, zone: zone.value.trim() } : { mode: 'NONE' },
    };
    try {
      view = await call('seekers', 'PUT', '/api/v1/seekers/me', { token: device.token, body });
      onProfile(view);
      status.textContent = t('common.saved');
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.describe() : t('common.error');
    }
  });

  const erase = el('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!window.confirm(t('seeker.erase.confirm'))) return;
    try {
      await call('seekers', 'DELETE', '/api/v1/seekers/me', { token: device.token });
      stopSeeker();
      localStorage.removeItem(STORE);
      renderRegistration(root, t('seeker.erased'));
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.describe() : t('common.error');
    }
  } }, t('seeker.erase'));
  const forget = el('button', { type: 'button', onclick: () => {
    stopSeeker();
    localStorage.removeItem(STORE);
    renderSeeker(root);
  } }, t('seeker.signout'));

  clear(section, form, el('div', { class: 'actions' }, forget, erase));
}
