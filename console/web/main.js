import './style.css';
import { t, lang, setLang } from './i18n.js';
import { el, clear } from './dom.js';
import { renderSeeker, stopSeeker } from './seeker.js';
import { renderOperator, stopOperator } from './operator.js';

// Routes (hash): #/ the start page, #/seeker the reference seeker app, #/operator the operator console
// (#/operator?campaign=CODE opens a campaign).
const main = document.getElementById('main');

function route() {
  const [path, query] = (location.hash.replace(/^#/, '') || '/').split('?');
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  stopSeeker();
  stopOperator();
  setLang(lang());
  document.title = t('app.title');
  document.querySelector('.skip').textContent = t('skip');
  document.getElementById('brand').textContent = t('app.title');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav.main'));
  clear(nav,
    link('#/seeker', t('nav.seeker'), path === '/seeker'),
    link('#/operator', t('nav.operator'), path === '/operator'));
  const toggle = document.getElementById('lang');
  toggle.textContent = t('lang.switch');
  // the accessible name starts with the visible text (WCAG 2.5.3), then says what the button does
  toggle.setAttribute('aria-label', `${t('lang.switch')} (${t('lang.switchLabel')})`);
  toggle.lang = lang() === 'zh' ? 'en' : 'zh-CN';
  if (path === '/seeker') renderSeeker(main);
  else if (path === '/operator') renderOperator(main, params);
  else renderHome();
}

function link(href, text, current) {
  return el('a', { href, 'aria-current': current ? 'page' : undefined }, text);
}

function renderHome() {
  clear(main,
    el('h1', {}, t('home.title')),
    el('div', { class: 'columns' },
      el('a', { class: 'card tile', href: '#/seeker' }, el('h2', {}, t('nav.seeker')), el('p', {}, t('home.seeker'))),
      el('a', { class: 'card tile', href: '#/operator' }, el('h2', {}, t('nav.operator')), el('p', {}, t('home.operator')))));
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  route();
});
window.addEventListener('hashchange', route);
route();
