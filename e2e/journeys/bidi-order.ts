// Visual-order checks for mixed Hebrew/Persian, English and number text in a right-to-left paragraph,
// from the boxes DOM Ranges give each part (see textBoxes). In an RTL paragraph the right-to-left words
// read from right to left, while each left-to-right run ("iPhone 15", "3,999", an e-mail address) keeps
// its own left-to-right order and sits as one unit in the sentence's right-to-left flow.
import { expect } from 'vitest';
import type { TextBox } from '../harness/in-page.js';

/** Sub-pixel slack: glyph boxes of neighbours may touch or overlap by a fraction of a pixel. */
const SLACK = 1;

function box(boxes: Record<string, TextBox>, part: string): TextBox {
  const found = boxes[part];
  if (!found) throw new Error(`no box for "${part}"`);
  return found;
}

/** `a` is drawn entirely to the left of `b`. */
export function expectLeftOf(boxes: Record<string, TextBox>, a: string, b: string): void {
  const [left, right] = [box(boxes, a), box(boxes, b)];
  expect(
    left.right,
    `"${a}" (${left.left.toFixed(1)}–${left.right.toFixed(1)}) should be left of "${b}" (${right.left.toFixed(1)}–${right.right.toFixed(1)})`,
  ).toBeLessThanOrEqual(right.left + SLACK);
}

/** The parts sit on one line, so left/right comparisons mean reading order. */
export function expectOneLine(boxes: Record<string, TextBox>): void {
  const tops = Object.values(boxes).map((b) => b.top);
  expect(Math.max(...tops) - Math.min(...tops), `all parts on one line: ${JSON.stringify(boxes)}`).toBeLessThan(4);
}

/** A number drawn as one unbroken left-to-right unit: one box, its first digit left of the rest. */
export function expectLtrUnit(boxes: Record<string, TextBox>, whole: string, head: string, tail: string): void {
  expect(box(boxes, whole).boxes, `"${whole}" in one box`).toBe(1);
  expectLeftOf(boxes, head, tail);
}

/** `מחיר iPhone 15 הוא 3,999 ₪ לפי sales@acme.com` */
export function expectHebrewOrder(boxes: Record<string, TextBox>): void {
  expectOneLine(boxes);
  // The sentence starts at the right: its first Hebrew word is right of the English run that follows it.
  expectLeftOf(boxes, 'iPhone', 'מחיר');
  // "iPhone 15" is one left-to-right run: "15" stays right of "iPhone".
  expectLeftOf(boxes, 'iPhone', '15');
  expectLeftOf(boxes, '15', 'מחיר');
  // The next Hebrew word comes after (left of) the whole run.
  expectLeftOf(boxes, 'הוא', 'iPhone');
  expectLtrUnit(boxes, '3,999', '3', '999');
  expectLeftOf(boxes, '3,999', 'הוא');
  expectLeftOf(boxes, 'לפי', '3,999');
  // The address, last in the sentence, is leftmost and reads left to right.
  expectLeftOf(boxes, 'sales@acme.com', 'לפי');
}

/** `قیمت iPhone 15 برابر ۳٬۹۹۹ تومان است` */
export function expectPersianOrder(boxes: Record<string, TextBox>): void {
  expectOneLine(boxes);
  expectLeftOf(boxes, 'iPhone', 'قیمت');
  expectLeftOf(boxes, 'iPhone', '15');
  expectLeftOf(boxes, '15', 'قیمت');
  expectLeftOf(boxes, 'برابر', 'iPhone');
  // Persian digits after Persian text form one left-to-right number: ۳ (the thousands) left of ۹۹۹.
  expectLtrUnit(boxes, '۳٬۹۹۹', '۳', '۹۹۹');
  expectLeftOf(boxes, '۳٬۹۹۹', 'برابر');
  expectLeftOf(boxes, 'تومان', '۳٬۹۹۹');
}
