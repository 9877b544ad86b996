// Policy page: edit the ordered rules, see validation errors at the field they concern, save, and
// preview what a described mail arriving now would do (SPEC S6, X4, X5).
import { api } from './api.js';
import { el, startPage, status } from './ui.js';
import { escalationSentence, FALLBACK, OTHERS, REPORTING, ruleSentence, seconds } from './policy-words.js';

const KINDS = { 'in-use': 'the terminal in use', prefer: 'prefer a type or device if on', several: 'several at once',
  nearest: 'the nearest terminal', capability: 'a terminal able to show it' };
const TYPES = ['phone', 'laptop', 'desktop', 'tablet', 'browser'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const rulesList = document.getElementById('rules');
let devices = [];
let validating = null;

function field(label, control) {
  return el('label', {}, label, control);
}

function select(path, options, value, className) {
  return el('select', { 'data-path': path, class: className },
    Object.entries(options).map(([v, text]) => el('option', { value: v, selected: v === value }, text)));
}

/** "2026-11-26T17:00:00Z" → the value of a datetime-local input, in this browser's zone. */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function ruleCard(rule, i, count) {
  const p = `rules[${i}]`;
  const when = rule.when || {};
  const hours = when.hours || {};
  const target = [];
  if (rule.kind === 'prefer') {
    const options = {};
    TYPES.forEach((t) => { options[`type:${t}`] = `any ${t}`; });
    devices.forEach((d) => { options[`device:${d.id}`] = `the device ${d.name}`; });
    const value = rule.device ? `device:${rule.device}` : `type:${rule.type || 'laptop'}`;
    target.push(field('Prefer', select(rule.device ? `${p}.device` : `${p}.type`, options, value, 'r-prefer')));
  } else if (rule.kind === 'several') {
    target.push(el('fieldset', { class: 'r-types', 'data-path': `${p}.types` }, el('legend', {}, 'Of the types (none: all)'),
      TYPES.map((t) => el('label', { class: 'inline' },
        el('input', { type: 'checkbox', value: t, checked: (rule.types || []).includes(t) }), t))));
    target.push(field('At least', el('input', { type: 'number', min: 1, max: 100, class: 'r-atleast', 'data-path': `${p}.atLeast`,
      value: rule.atLeast || 1, size: 4 })));
  } else if (rule.kind === 'nearest') {
    target.push(el('fieldset', { class: 'r-exclude', 'data-path': `${p}.exclude` },
      el('legend', {}, 'Leave out the types (e.g. the phone that tells where you are)'),
      TYPES.map((t) => el('label', { class: 'inline' },
        el('input', { type: 'checkbox', value: t, checked: (rule.exclude || []).includes(t) }), t))));
  } else if (rule.kind === 'capability') {
    target.push(field('Choose among the capable', select(`${p}.choose`,
      { nearest: 'the nearest', 'in-use': 'the one in use', all: 'all that are on' }, rule.choose || 'nearest', 'r-choose')));
  }
  return el('li', { class: 'card', 'data-index': i, 'data-kind': rule.kind, 'data-path': p },
    el('fieldset', {},
      el('legend', {}, `Rule ${i + 1}`),
      el('p', { class: 'sentence' }),
      el('div', { class: 'row' },
        field('Kind', select(`${p}.kind`, KINDS, rule.kind, 'r-kind')),
        field('Name (optional)', el('input', { class: 'r-name', 'data-path': `${p}.name`, value: rule.name || '', placeholder: 'described automatically' })),
        target),
      el('details', { open: Boolean(rule.when || rule.until) },
        el('summary', {}, 'Conditions and expiry'),
        el('div', { class: 'row' },
          field('Only mail from (addresses or @domains, comma-separated)',
            el('input', { class: 'r-senders', 'data-path': `${p}.when.senders`, value: (when.senders || []).join(', '), size: 30 })),
          field('Least importance', select(`${p}.when.importance`, { '': 'any', low: 'low', normal: 'normal', high: 'high' },
            when.importance || '', 'r-importance'))),
        el('div', { class: 'row' },
          field('Between', el('input', { type: 'time', class: 'r-from', 'data-path': `${p}.when.hours.from`, value: hours.from || '' })),
          field('and', el('input', { type: 'time', class: 'r-to', 'data-path': `${p}.when.hours.to`, value: hours.to || '' })),
          el('fieldset', { class: 'r-days', 'data-path': `${p}.when.hours.days` }, el('legend', {}, 'on (none: every day)'),
            DAYS.map((d) => el('label', { class: 'inline' },
              el('input', { type: 'checkbox', value: d, checked: (hours.days || []).includes(d) }), d)))),
        el('div', { class: 'row' },
          field('Until (an override ends then)', el('input', { type: 'datetime-local', class: 'r-until', 'data-path': `${p}.until`,
            value: localInput(rule.until) })))),
      el('div', { class: 'row' },
        el('button', { type: 'button', class: 'secondary', disabled: i === 0, onclick: () => move(i, -1),
          'aria-label': `Move rule ${i + 1} up` }, '↑ Up'),
        el('button', { type: 'button', class: 'secondary', disabled: i === count - 1, onclick: () => move(i, 1),
          'aria-label': `Move rule ${i + 1} down` }, '↓ Down'),
        el('button', { type: 'button', class: 'danger', onclick: () => remove(i), 'aria-label': `Remove rule ${i + 1}` }, 'Remove'))));
}

function readRule(li) {
  const q = (cls) => li.querySelector(`.${cls}`);
  const rule = { kind: q('r-kind').value };
  const name = q('r-name').value.trim();
  if (name) rule.name = name;
  if (rule.kind === 'prefer' && q('r-prefer')) {
    const [what, value] = q('r-prefer').value.split(':');
    rule[what] = value;
  } else if (rule.kind === 'prefer') {
    rule.type = 'laptop';
  }
  if (rule.kind === 'several' && q('r-types')) {
    const types = [...q('r-types').querySelectorAll('input:checked')].map((c) => c.value);
    if (types.length) rule.types = types;
    rule.atLeast = Number(q('r-atleast').value || 1);
  }
  if (rule.kind === 'nearest' && q('r-exclude')) {
    const exclude = [...q('r-exclude').querySelectorAll('input:checked')].map((c) => c.value);
    if (exclude.length) rule.exclude = exclude;
  }
  if (rule.kind === 'capability' && q('r-choose')) rule.choose = q('r-choose').value;
  const when = {};
  const senders = q('r-senders').value.split(',').map((s) => s.trim()).filter(Boolean);
  if (senders.length) when.senders = senders;
  if (q('r-importance').value) when.importance = q('r-importance').value;
  if (q('r-from').value || q('r-to').value) {
    when.hours = { from: q('r-from').value, to: q('r-to').value };
    const days = [...q('r-days').querySelectorAll('input:checked')].map((c) => c.value);
    if (days.length) when.hours.days = days;
  }
  if (Object.keys(when).length) rule.when = when;
  if (q('r-until').value) rule.until = new Date(q('r-until').value).toISOString();
  return rule;
}

function readPolicy() {
  const policy = {
    zone: document.getElementById('zone').value.trim() || 'UTC',
    others: document.getElementById('others').value,
    reporting: document.getElementById('reporting').value,
    rules: [...rulesList.children].map(readRule),
  };
  if (document.getElementById('escalate').checked) {
    const amount = document.getElementById('escalation-after').value.trim();
    const unit = document.getElementById('escalation-unit').value;
    // Days as hours: the ISO form the server writes back, so that a saved policy reads the same.
    const after = unit === 'D' ? `PT${Number(amount) * 24}H` : `PT${amount}${unit}`;
    policy.escalation = { after: amount ? after : '', unless: document.getElementById('escalation-unless').value };
  }
  return policy;
}

function renderRules(rules, focusIndex) {
  rulesList.replaceChildren(...rules.map((r, i) => ruleCard(r, i, rules.length)));
  if (focusIndex !== undefined && rulesList.children[focusIndex]) {
    rulesList.children[focusIndex].querySelector('.r-kind').focus();
  }
  changed();
}

function fill(policy) {
  document.getElementById('zone').value = !policy.zone || policy.zone === 'Z' ? 'UTC' : policy.zone;
  document.getElementById('others').value = policy.others || 'nothing';
  document.getElementById('reporting').value = policy.reporting || 'heartbeat';
  document.getElementById('escalate').checked = Boolean(policy.escalation);
  fillDuration(policy.escalation ? policy.escalation.after : 'PT5M');
  document.getElementById('escalation-unless').value = (policy.escalation && policy.escalation.unless) || 'acknowledged';
  renderRules(policy.rules);
}

/** An ISO duration into the number and unit fields: "PT2H" → 2 h, "PT48H" → 2 days, "PT90S" → 1.5 min. */
function fillDuration(iso) {
  const total = seconds(iso);
  let unit = 'M';
  if (total > 0 && total % 86400 === 0) unit = 'D';
  else if (total > 0 && total % 3600 === 0) unit = 'H';
  const size = { M: 60, H: 3600, D: 86400 }[unit];
  document.getElementById('escalation-after').value = Number.isNaN(total) ? '' : String(total / size);
  document.getElementById('escalation-unit').value = unit;
}

/** The policy as edited, in words: a sentence on each rule's card, all of them together, and what else happens. */
function describe(policy) {
  const context = { devices, others: policy.others, zone: policy.zone };
  const sentences = policy.rules.map((rule) => ruleSentence(rule, context));
  [...rulesList.children].forEach((li, i) => { li.querySelector('.sentence').textContent = sentences[i]; });
  document.getElementById('sentences').replaceChildren(...policy.rules.map((rule, i) =>
    el('li', {}, rule.name ? `${rule.name}: ${sentences[i]}` : sentences[i])));
  document.getElementById('sentences').hidden = policy.rules.length === 0;
  document.getElementById('fallback').textContent = policy.rules.length === 0
    ? `No rules yet, so for every mail ${FALLBACK}`
    : `When no rule picks a terminal, ${FALLBACK}`;
  document.getElementById('others-help').textContent = OTHERS[policy.others];
  document.getElementById('reporting-help').textContent = REPORTING[policy.reporting];
  document.getElementById('escalation-help').textContent = policy.escalation
    ? escalationSentence(policy.escalation) : 'Without escalation, a mail stays with the terminals the plan chose.';
}

function move(i, by) {
  const rules = readPolicy().rules;
  const [rule] = rules.splice(i, 1);
  rules.splice(i + by, 0, rule);
  renderRules(rules, i + by);
}

function remove(i) {
  const rules = readPolicy().rules;
  rules.splice(i, 1);
  renderRules(rules, Math.min(i, rules.length - 1));
}

function add(rule, first) {
  const rules = readPolicy().rules;
  if (first) rules.unshift(rule); else rules.push(rule);
  renderRules(rules, first ? 0 : rules.length - 1);
}

function showErrors(errors) {
  document.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
  const box = document.getElementById('policy-error');
  box.textContent = errors.map((e) => e.message).join('; ');
  for (const error of errors) {
    // The field named by the path, or the nearest enclosing one that the form shows.
    let path = error.path;
    let node = null;
    while (path) {
      node = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
      if (node) break;
      const shorter = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (shorter === path) break;
      path = shorter;
    }
    if (node) {
      node.setAttribute('aria-invalid', 'true');
      node.setAttribute('aria-describedby', 'policy-error');
    }
  }
}

function changed() {
  const policy = readPolicy();
  document.getElementById('json').textContent = JSON.stringify(policy, null, 2);
  describe(policy);
  clearTimeout(validating);
  validating = setTimeout(async () => {
    try {
      const answer = await api('POST', '/api/policy/validate', policy);
      showErrors(answer.valid ? [] : answer.errors);
    } catch (e) {
      showErrors([{ path: '', message: e.message }]);
    }
  }, 300);
}

async function save(event) {
  event.preventDefault();
  try {
    const saved = await api('PUT', '/api/policy', readPolicy());
    fill(saved);
    status('Policy saved; your terminals have been told.');
  } catch (e) {
    showErrors([{ path: e.path || '', message: e.message }]);
    status('Not saved: ' + e.message, true);
  }
}

function describeTarget(t) {
  return el('li', { 'data-device': t.device },
    el('span', { class: `badge action-${t.action}` }, t.action), ' ', el('strong', {}, t.name), ' — ', t.reason);
}

async function preview(event) {
  event.preventDefault();
  const mail = {
    from: document.getElementById('preview-from').value.trim(),
    subject: document.getElementById('preview-subject').value,
    pictures: Number(document.getElementById('preview-pictures').value || 0),
    size: Number(document.getElementById('preview-size').value || 0),
    importance: document.getElementById('preview-importance').value,
  };
  if (mail.pictures > 0) mail.attachmentTypes = Array(mail.pictures).fill('image/jpeg');
  const out = document.getElementById('preview');
  try {
    const answer = await api('POST', '/api/policy/preview', { mail, policy: readPolicy() });
    const full = answer.plan.targets.filter((t) => t.action === 'FULL').map((t) => t.name);
    const what = mail.pictures > 0 ? `A mail with ${mail.pictures} picture(s)` : 'A mail';
    out.replaceChildren(el('div', { class: 'card' },
      el('p', {}, `${what} from ${mail.from || 'anyone'} arriving now would go to `,
        el('strong', {}, full.length ? full.join(', ') : 'no terminal'), ` (${answer.plan.decidedBy.description}).`),
      el('ul', {}, answer.plan.targets.map(describeTarget))));
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

const form = document.getElementById('policy-form');
function edited(event) {
  if (event.target.classList.contains('r-kind')) {
    const li = event.target.closest('li');
    if (li.dataset.kind === event.target.value) return;
    // Another kind has other fields: draw this rule again, without a name that described the old kind.
    const rules = readPolicy().rules;
    const i = Number(li.dataset.index);
    rules[i] = { kind: event.target.value, when: rules[i].when, until: rules[i].until };
    if (!rules[i].when) delete rules[i].when;
    if (!rules[i].until) delete rules[i].until;
    renderRules(rules, i);
  } else {
    changed();
  }
}
form.addEventListener('input', edited);
// A choice made in a list may come as 'change' only (some assistive and automated input does not send 'input').
form.addEventListener('change', (event) => { if (event.target.tagName === 'SELECT') edited(event); });
form.addEventListener('submit', save);
document.getElementById('add-rule').addEventListener('click', () => add({ kind: 'in-use' }, false));
document.getElementById('add-override').addEventListener('click', () => {
  const until = new Date();
  until.setHours(18, 0, 0, 0);
  if (until < new Date()) until.setDate(until.getDate() + 1);
  add({ kind: 'prefer', type: 'laptop', name: 'laptop primary until 18:00', until: until.toISOString() }, true);
});
document.getElementById('preview-form').addEventListener('submit', preview);

await startPage();
devices = await api('GET', '/api/devices');
fill(await api('GET', '/api/policy'));
