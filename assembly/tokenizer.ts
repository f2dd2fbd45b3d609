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

// The text is read in place from linear memory as code units of type C: u8 for UTF-8 bytes
// (what hosts send: TextEncoder.encodeInto, no per-character copy) or u16 for an
// AssemblyScript string (changetype<usize>(s), s.length). Every vocabulary word is ASCII, so a non-ASCII byte only ever lands in
// a word that reads as <|unk|>.
@inline function unitAt<C>(base: usize, i: i32): i32 {
  return <i32>load<C>(base + (<usize>i << alignof<C>()));
}

// Word count: how many ids tokenizeAt will write.
export function countWordsAt<C>(base: usize, len: i32): i32 {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < len; i++) {
    const space = isSpace(unitAt<C>(base, i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

// A canonical non-negative decimal at [start, end) (no sign, no leading zero), or -1. Values
// above 9 digits are -1: no vocabulary holds them and they must not overflow.
function decimal<C>(base: usize, start: i32, end: i32): i32 {
  const n = end - start;
  if (n <= 0 || n > 9) return -1;
  if (unitAt<C>(base, start) == 48 && n > 1) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = unitAt<C>(base, i);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function sameWord<C>(base: usize, start: i32, end: i32, word: string): bool {
  if (end - start != word.length) return false;
  const w = changetype<usize>(word);
  for (let i = 0; i < end - start; i++) {
    if (unitAt<C>(base, start + i) != <i32>load<u16>(w + (<usize>i << 1))) return false;
  }
  return true;
}

function wordId<C>(vocab: Vocab, base: usize, start: i32, end: i32): i32 {
  const first = unitAt<C>(base, start);
  if (isDigit(first)) {
    const v = decimal<C>(base, start, end);
    return v >= 0 && v < vocab.coords ? vocab.coordId(v) : vocab.special(SP_UNK);
  }
  if (first == 99 /* c */ && end - start > 1 && isDigit(unitAt<C>(base, start + 1))) {
    const v = decimal<C>(base, start + 1, end);
    return v >= 0 && v < vocab.costs ? vocab.costId(v) : vocab.special(SP_UNK);
  }
  for (let k = 0; k < KEYWORDS.length; k++) {
    if (sameWord<C>(base, start, end, unchecked(KEYWORDS[k]))) return vocab.keyword(k);
  }
  for (let k = 0; k < SPECIALS.length; k++) {
    if (sameWord<C>(base, start, end, unchecked(SPECIALS[k]))) return vocab.special(k);
  }
  return vocab.special(SP_UNK);
}

// Writes the ids of the words at [base, len) to dest (room for countWordsAt i32s); returns the
// count.
export function tokenizeAt<C>(base: usize, len: i32, vocab: Vocab, dest: usize): i32 {
  let count = 0;
  let i = 0;
  while (i < len) {
    while (i < len && isSpace(unitAt<C>(base, i))) i++;
    if (i >= len) break;
    const start = i;
    while (i < len && !isSpace(unitAt<C>(base, i))) i++;
    store<i32>(dest + (<usize>count << 2), wordId<C>(vocab, base, start, i));
    count++;
  }
  return count;
}

export function tokenizeBytes(base: usize, len: i32, vocab: Vocab): Int32Array {
  const out = new Int32Array(countWordsAt<u8>(base, len));
  tokenizeAt<u8>(base, len, vocab, out.dataStart);
  return out;
}

// Words joined by single spaces; ids outside the vocabulary read as <|unk|>.
export function detokenize(ids: Int32Array, vocab: Vocab): string {
  const words = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) unchecked((words[i] = vocab.word(ids[i])));
  return words.join(" ");
}
