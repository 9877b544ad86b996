// Just enough MIME (RFC 2045/2046) to show a pushed mail: the text and HTML parts and the pictures.
// HTML is never inserted as markup: it is parsed inertly and copied node by node through an allow-list.

const latin1 = new TextDecoder('latin1');

export function base64Bytes(text) {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function split(bytes) {
  const text = latin1.decode(bytes);
  let end = text.indexOf('\r\n\r\n');
  let skip = 4;
  if (end < 0) { end = text.indexOf('\n\n'); skip = 2; }
  if (end < 0) return { head: text, body: new Uint8Array(0) };
  return { head: text.slice(0, end), body: bytes.subarray(end + skip) };
}

function headers(head) {
  const map = new Map();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

/** "text/plain; charset=utf-8" → { value: 'text/plain', params: { charset: 'utf-8' } } */
function structured(field) {
  const [value, ...rest] = (field || '').split(';');
  const params = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { value: value.trim().toLowerCase(), params };
}

function decodeBody(body, encoding) {
  const enc = (encoding || '7bit').toLowerCase();
  if (enc === 'base64') {
    try { return base64Bytes(latin1.decode(body)); } catch { return new Uint8Array(0); }
  }
  if (enc === 'quoted-printable') {
    const text = latin1.decode(body).replace(/=\r?\n/g, '');
    const out = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
        out.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.push(text.charCodeAt(i) & 0xff);
      }
    }
    return new Uint8Array(out);
  }
  return body;
}

function indexOf(haystack, needle, from) {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function walk(bytes, parts, depth) {
  const { head, body } = split(bytes);
  const h = headers(head);
  const type = structured(h.get('content-type') || 'text/plain; charset=us-ascii');
  if (type.value.startsWith('multipart/') && type.params.boundary && depth < 10) {
    const delimiter = new TextEncoder().encode('--' + type.params.boundary);
    let at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      let start = at + delimiter.length;
      if (body[start] === 45 && body[start + 1] === 45) break; // "--": the closing delimiter
      while (body[start] === 13 || body[start] === 10 || body[start] === 32 || body[start] === 9) {
        if (body[start] === 10) { start++; break; }
        start++;
      }
      const next = indexOf(body, delimiter, start);
      let end = next < 0 ? body.length : next;
      if (body[end - 1] === 10) end--;
      if (body[end - 1] === 13) end--;
      walk(body.subarray(start, end), parts, depth + 1);
      at = next;
    }
    return;
  }
  const disposition = structured(h.get('content-disposition'));
  parts.push({
    type: type.value,
    charset: type.params.charset || 'utf-8',
    attachment: disposition.value === 'attachment',
    filename: disposition.params.filename || type.params.name || '',
    content: decodeBody(body, h.get('content-transfer-encoding')),
  });
}

// Only these are shown as pictures: a raster image runs nothing. Any other part (SVG, which can hold script,
// HTML, PDF, ...) is offered as a download only, never opened as a page of this origin.
const RASTER = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The parts of a raw message worth showing: { text, html, pictures: [{ type, filename, bytes }],
 * attachments: [{ type, filename, bytes }] } — pictures are raster images only, attachments the rest.
 */
export function readMessage(bytes) {
  const parts = [];
  walk(bytes, parts, 0);
  const decode = (part) => {
    try { return new TextDecoder(part.charset).decode(part.content); } catch { return new TextDecoder().decode(part.content); }
  };
  const text = parts.find((p) => p.type === 'text/plain' && !p.attachment);
  const html = parts.find((p) => p.type === 'text/html' && !p.attachment);
  return {
    text: text ? decode(text) : null,
    html: html ? decode(html) : null,
    pictures: parts.filter((p) => RASTER.has(p.type.toLowerCase()))
      .map((p) => ({ type: p.type.toLowerCase(), filename: p.filename, bytes: p.content })),
    attachments: parts.filter((p) => !RASTER.has(p.type.toLowerCase()) && p !== text && p !== html
        && (p.attachment || !p.type.startsWith('text/')))
      .map((p) => ({ type: p.type, filename: p.filename, bytes: p.content })),
  };
}

const ALLOWED = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'span', 'div', 'blockquote',
  'pre', 'code', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'table', 'thead', 'tbody',
  'tfoot', 'tr', 'td', 'th', 'caption']);
const DROPPED = new Set(['script', 'style', 'head', 'title', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math']);

function copy(node, into, depth) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.append(document.createTextNode(child.nodeValue));
    } else if (child.nodeType === Node.ELEMENT_NODE && depth < 40) {
      const tag = child.localName;
      if (DROPPED.has(tag)) continue;
      if (!ALLOWED.has(tag)) {
        copy(child, into, depth + 1); // keep the text of an element we do not allow
        continue;
      }
      const clean = document.createElement(tag);
      if (tag === 'a') {
        const href = child.getAttribute('href') || '';
        if (/^(https?:|mailto:)/i.test(href.trim())) {
          clean.setAttribute('href', href.trim());
          clean.setAttribute('rel', 'noopener noreferrer nofollow');
          clean.setAttribute('target', '_blank');
        }
      }
      copy(child, clean, depth + 1);
      into.append(clean);
    }
  }
}

/** The HTML as a fragment of allowed elements and text only: no attributes but safe links, no scripts, no styles, no images. */
export function sanitise(html) {
  // The parsed document runs no script, and the copy below keeps only allowed elements. Handlers,
  // styles and scripts are cut from the text first only because parsing them would make the page's
  // Content-Security-Policy report (and block) each one in the console.
  // A <base> too: the page's policy (base-uri 'none') would refuse it in the parsed document.
  const quiet = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<base\b[^>]*>/gi, '')
    .replace(/\s(on[a-z]+|style)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  const parsed = new DOMParser().parseFromString(quiet, 'text/html');
  const fragment = document.createDocumentFragment();
  copy(parsed.body, fragment, 0);
  return fragment;
}
