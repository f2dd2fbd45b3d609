// Text <-> ids over the vocabulary of vocab.ts. Words are separated by ASCII whitespace; a word
// that is not exactly a vocabulary word (e.g. "c01", "-3", "99999999999", "Close") becomes
// <|unk|>, so text can never name an id outside the vocabulary.
import { Vocab, KEYWORDS, SPECIALS, SP_UNK } from "./vocab";

@inline function isSpace(c: i32): bool {
  // space, \t \n \v \f \r
  return c == 32 || (c >= 9 && c <= 13);
}

@inline function isDigit(c: i32): bool {
  return <u32>(c - 48) < 10;
}

// Word count: how many ids tokenizeInto will write.
export function countWords(text: string): i32 {
  const len = text.length;
  const base = changetype<usize>(text);
  let count = 0;
  let inWord = false;
  for (let i = 0; i < len; i++) {
    const space = isSpace(<i32>load<u16>(base + (<usize>i << 1)));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

// A canonical non-negative decimal at [start, end) (no sign, no leading zero), or -1. Values
// above 9 digits are -1: no vocabulary holds them and they must not overflow.
function decimal(base: usize, start: i32, end: i32): i32 {
  const n = end - start;
  if (n <= 0 || n > 9) return -1;
  const first = <i32>load<u16>(base + (<usize>start << 1));
  if (first == 48 && n > 1) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = <i32>load<u16>(base + (<usize>i << 1));
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function sameWord(base: usize, start: i32, end: i32, word: string): bool {
  if (end - start != word.length) return false;
  const w = changetype<usize>(word);
  for (let i = 0; i < end - start; i++) {
    if (load<u16>(base + (<usize>(start + i) << 1)) != load<u16>(w + (<usize>i << 1))) return false;
  }
  return true;
}

function wordId(vocab: Vocab, base: usize, start: i32, end: i32): i32 {
  const first = <i32>load<u16>(base + (<usize>start << 1));
  if (isDigit(first)) {
    const v = decimal(base, start, end);
    return v >= 0 && v < vocab.coords ? vocab.coordId(v) : vocab.special(SP_UNK);
  }
  if (first == 99 /* c */ && end - start > 1 && isDigit(<i32>load<u16>(base + (<usize>(start + 1) << 1)))) {
    const v = decimal(base, start + 1, end);
    return v >= 0 && v < vocab.costs ? vocab.costId(v) : vocab.special(SP_UNK);
  }
  for (let k = 0; k < KEYWORDS.length; k++) {
    if (sameWord(base, start, end, unchecked(KEYWORDS[k]))) return vocab.keyword(k);
  }
  for (let k = 0; k < SPECIALS.length; k++) {
    if (sameWord(base, start, end, unchecked(SPECIALS[k]))) return vocab.special(k);
  }
  return vocab.special(SP_UNK);
}

// Writes the ids of text's words to dest (room for countWords(text) i32s); returns the count.
export function tokenizeInto(text: string, vocab: Vocab, dest: usize): i32 {
  const len = text.length;
  const base = changetype<usize>(text);
  let count = 0;
  let i = 0;
  while (i < len) {
    while (i < len && isSpace(<i32>load<u16>(base + (<usize>i << 1)))) i++;
    if (i >= len) break;
    const start = i;
    while (i < len && !isSpace(<i32>load<u16>(base + (<usize>i << 1)))) i++;
    store<i32>(dest + (<usize>count << 2), wordId(vocab, base, start, i));
    count++;
  }
  return count;
}

export function tokenize(text: string, vocab: Vocab): Int32Array {
  const out = new Int32Array(countWords(text));
  tokenizeInto(text, vocab, out.dataStart);
  return out;
}

// Words joined by single spaces; ids outside the vocabulary read as <|unk|>.
export function detokenize(ids: Int32Array, vocab: Vocab): string {
  const words = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) unchecked((words[i] = vocab.word(ids[i])));
  return words.join(" ");
}
