// A small element builder: text always goes in as text nodes (never as HTML), attributes by name.
export function el(tag, attrs = {}, ...children) {
  const svg = ['svg', 'circle', 'text', 'title', 'desc', 'line', 'g', 'rect'].includes(tag);
  const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'value' && !svg) node.value = value;
    else if (name === 'checked') node.checked = Boolean(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

let ids = 0;
/** A labelled form field: label and control tied by id; returns [wrapper, control]. */
export function field(label, control, hint) {
  const id = control.id || `f${++ids}`;
  control.id = id;
  const hintNode = hint ? el('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return el('div', { class: 'field' }, el('label', { for: id }, label), control, hintNode);
}

export function checkbox(label, checked, attrs = {}) {
  const input = el('input', { type: 'checkbox', checked, ...attrs });
  const id = `f${++ids}`;
  input.id = id;
  return el('div', { class: 'check' }, input, el('label', { for: id }, label));
}
