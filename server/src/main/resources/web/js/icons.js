// Device icons drawn as inline SVG, built node by node (no markup strings, no external files): one per
// device type, 24 × 24, stroked in the current text colour.
const SVG = 'http://www.w3.org/2000/svg';

const SHAPES = {
  phone: ['M7 2.5h10a1.5 1.5 0 0 1 1.5 1.5v16a1.5 1.5 0 0 1-1.5 1.5H7A1.5 1.5 0 0 1 5.5 20V4A1.5 1.5 0 0 1 7 2.5z', 'M10.5 18.5h3'],
  tablet: ['M5 3.5h14a1.5 1.5 0 0 1 1.5 1.5v14a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 19V5A1.5 1.5 0 0 1 5 3.5z', 'M11 17.5h2'],
  laptop: ['M5 5.5h14v9.5H5z', 'M2.5 18.5h19l-1.5-2.5H4z'],
  desktop: ['M3 4h18v12H3z', 'M9 20h6', 'M12 16v4'],
  browser: ['M3 4.5h18v15H3z', 'M3 8.5h18', 'M5.5 6.5h.01', 'M8 6.5h.01'],
  locator: ['M12 21s-6.5-6.2-6.5-11a6.5 6.5 0 0 1 13 0c0 4.8-6.5 11-6.5 11z', 'M12 12.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4z'],
};

/** The icon of a device type; decorative unless given a label, since the type is always written next to it. */
export function deviceIcon(type, label) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${SHAPES[type] ? type : 'browser'}`);
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '1.6');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  for (const d of SHAPES[type] || SHAPES.browser) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
