// The policy in words: a sentence for each rule, read from its JSON (docs/policy.md), and durations as
// people write them ("5 min", not "PT5M"). No DOM here: the Policy page puts the words where they go.

const DAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const WEEK = Object.keys(DAY_NAMES);

/** What every policy ends with: the fallback when no rule picks a terminal (fail-open, SPEC X2). */
export const FALLBACK = 'every terminal that may be on (on, or not heard from lately) gets the mail; when all are asleep or off,'
  + ' every terminal gets it when it next connects. A mail never goes nowhere.';

/** "a, b or c". */
function list(words, last = 'or') {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** An ISO-8601 duration ("PT5M", "PT1H30M", "P1D", "PT0.5S") in seconds; NaN when it is none. */
export function seconds(iso) {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(iso || '').trim());
  if (!m || iso === 'P' || iso === 'PT') return NaN;
  const [d, h, min, s] = m.slice(1).map((v) => Number(v || 0));
  return d * 86400 + h * 3600 + min * 60 + s;
}

/** "PT5M" → "5 min", "PT1H30M" → "1 h 30 min", "P2D" → "2 d"; what is not a duration stays as it is. */
export function durationWords(iso) {
  let rest = seconds(iso);
  if (Number.isNaN(rest)) return String(iso || '');
  if (rest === 0) return '0 s';
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]]) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  if (rest > 0) parts.push(`${Math.round(rest * 1000) / 1000} s`);
  return parts.join(' ');
}

function days(chosen) {
  const sorted = WEEK.filter((d) => chosen.includes(d));
  const first = WEEK.indexOf(sorted[0]);
  const consecutive = sorted.length > 2 && sorted.every((d, i) => WEEK.indexOf(d) === first + i);
  if (sorted.length === 7) return 'every day';
  if (consecutive) return `${DAY_NAMES[sorted[0]]} to ${DAY_NAMES[sorted[sorted.length - 1]]}`;
  return list(sorted.map((d) => DAY_NAMES[d]));
}

/** The rule's conditions as phrases: "from boss@example.com", "of high importance", "between 09:00 and 17:30 …". */
export function conditionWords(when, zone) {
  const parts = [];
  if (!when) return parts;
  if (when.senders && when.senders.length) {
    parts.push(`from ${list(when.senders.map((s) => (s.startsWith('@') ? `anyone at ${s.slice(1)}` : s)))}`);
  }
  if (when.importance === 'high') parts.push('of high importance');
  if (when.importance === 'normal') parts.push('of normal or high importance');
  const hours = when.hours;
  if (hours && (hours.from || hours.to)) {
    const overnight = hours.from && hours.to && hours.from > hours.to ? ' (over midnight)' : '';
    const on = hours.days && hours.days.length ? ` on ${days(hours.days)}` : '';
    const where = zone && zone !== 'UTC' && zone !== 'Z' ? ` ${zone} time` : ' UTC';
    parts.push(`arriving between ${hours.from || '?'} and ${hours.to || '?'}${where}${overnight}${on}`);
  }
  return parts;
}

function deviceName(id, devices) {
  const device = (devices || []).find((d) => d.id === id);
  return device ? device.name : id;
}

/** What the rule does, as the second half of its sentence. */
export function targetWords(rule, devices) {
  switch (rule.kind) {
    case 'in-use':
      return 'send it to the terminal in use';
    case 'prefer':
      if (rule.device) return `if ${deviceName(rule.device, devices)} is on, send it there`;
      return `if a ${rule.type || 'laptop'} is on, send it there (to the ones in use, if several are on)`;
    case 'several': {
      const types = rule.types && rule.types.length ? rule.types : [];
      const which = types.length ? `every ${list(types, 'and')} that is on` : 'every terminal that is on';
      const atLeast = Number(rule.atLeast || 1);
      return `send it to ${which}${atLeast > 1 ? `, and to at least ${atLeast} in all (the likeliest to come on next)` : ''}`;
    }
    case 'nearest': {
      const left = rule.exclude && rule.exclude.length ? ` that is not a ${list(rule.exclude)}` : '';
      return `send it to the terminal nearest you${left}`;
    }
    case 'capability': {
      const choose = { nearest: 'the nearest one that can', 'in-use': 'the one in use that can', all: 'every one that can and is on' };
      return 'if some terminal cannot show the mail (its pictures, size or attachments), send it to '
        + `${choose[rule.choose || 'nearest']}, and hint those that cannot`;
    }
    default:
      return `(a rule of kind '${rule.kind}')`;
  }
}

/**
 * A rule as one sentence: "If a laptop is on, send it there.", "Send it to the terminal in use; hint
 * the others.", "Until Thu 18:00, for mail from boss@example.com: send it to …".
 *
 * @param now the moment against which an expiry is said to have passed
 */
export function ruleSentence(rule, { devices = [], others = 'nothing', zone = 'UTC', now = new Date() } = {}) {
  let sentence = '';
  if (rule.until) {
    const until = new Date(rule.until);
    const when = Number.isNaN(until.getTime()) ? rule.until
      : until.toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    sentence += until < now ? `(Ended ${when}, so passed over.) Until then, ` : `Until ${when}, `;
  }
  const conditions = conditionWords(rule.when, zone);
  if (conditions.length) sentence += `for mail ${conditions.join(', ')}: `;
  sentence += targetWords(rule, devices);
  if (others === 'hint' && rule.kind !== 'capability') sentence += '; hint the others';
  sentence += '.';
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The escalation as a sentence, or the empty string without one. */
export function escalationSentence(escalation) {
  if (!escalation) return '';
  const within = durationWords(escalation.after);
  return escalation.unless === 'read'
    ? `If you have not read it within ${within}, it also goes to the next choice.`
    : `If no terminal that got it has acknowledged it within ${within}, it also goes to the next choice.`;
}

/** What the reporting modes mean, where one is chosen. */
export const REPORTING = {
  heartbeat: 'Heartbeat: your terminals report when their use changes, and otherwise every few minutes, sparing'
    + ' batteries. A mail is routed at once, on what they said last.',
  probe: 'Probe on each mail: when a mail arrives, the server asks your connected terminals whether they are in use'
    + ' and waits half a second for their answers. Fresher evidence, a moment later, a little more traffic.',
};

/** What terminals not picked get. */
export const OTHERS = {
  nothing: 'Terminals a rule did not pick get nothing.',
  hint: 'Terminals a rule did not pick get a short hint naming where the mail went.',
};
