// The body of a template, read into blocks for the page (documents/decision.ts) and for any
// preview. The markup is deliberately tiny, for an administrator editing in a text box:
// - a line starting with `#` (one to three, then a space) is a heading line; heading lines
//   that follow one another form one heading ("Wójt Gminy Zażółć" over "ustala");
// - a blank line ends a paragraph;
// - every other line break is kept: a line starting with "1." or "2)" is a numbered point,
//   "a)" a sub-point, "–", "-" or "•" a dash item, each set with a hanging indent.

/** One line of a paragraph: a point marker ("1.", "a)", "–") with its text, or plain text. */
export type BodyLine = { marker: string | null; level: 0 | 1 | 2; text: string };

export type BodyBlock = { kind: 'heading'; lines: string[] } | { kind: 'paragraph'; lines: BodyLine[] };

const HEADING = /^#{1,3}\s+(.*)$/;
const NUMBERED = /^(\d{1,3}[.)])\s+(.*)$/;
const LETTERED = /^([a-ząćęłńóśźż]\))\s+(.*)$/;
const DASHED = /^([-–—•])\s+(.*)$/;

function readLine(text: string, previous: BodyLine | undefined): BodyLine {
  const numbered = NUMBERED.exec(text);
  if (numbered) return { marker: numbered[1] ?? '', level: 1, text: numbered[2] ?? '' };
  const lettered = LETTERED.exec(text);
  if (lettered) return { marker: lettered[1] ?? '', level: 2, text: lettered[2] ?? '' };
  const dashed = DASHED.exec(text);
  // A dash under a numbered point belongs to that point; on its own it is a first-level item.
  // Printed as an en dash whatever was typed, as Polish typesetting has it.
  if (dashed) {
    let level: 1 | 2 = 1;
    if (previous?.marker === '–') level = previous.level === 2 ? 2 : 1;
    else if (previous !== undefined && previous.level >= 1) level = 2;
    return { marker: '–', level, text: dashed[2] ?? '' };
  }
  return { marker: null, level: 0, text };
}

/** Read a rendered body into headings and paragraphs. */
export function parseBody(body: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let current: BodyBlock | null = null;
  for (const raw of body.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') {
      current = null;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const text = (heading[1] ?? '').trim();
      if (current?.kind !== 'heading') {
        current = { kind: 'heading', lines: [] };
        blocks.push(current);
      }
      current.lines.push(text);
      continue;
    }
    if (current?.kind !== 'paragraph') {
      current = { kind: 'paragraph', lines: [] };
      blocks.push(current);
    }
    current.lines.push(readLine(line, current.lines.at(-1)));
  }
  return blocks;
}
