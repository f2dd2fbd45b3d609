// The ONE definition of the token vocabulary (spec section 5). Everything else (tokenizer,
// validator, serializer, the TS API, vocab.json for the trainer) derives ids from here.
//
// For an R x C grid, ids in order:
//   c0 .. c{R*C-1}                      costs (g and h values)
//   0 .. max(R,C)-1                     coordinates
//   start goal wall create close plan query reasoning solution end
//   <|pad|> <|unk|> <|bos|> <|eos|>
// so N x N gives N^2 + N + 14 tokens (124 at 10x10, 944 at 30x30).

export const KEYWORDS: StaticArray<string> = [
  "start", "goal", "wall", "create", "close", "plan", "query", "reasoning", "solution", "end",
];
export const SPECIALS: StaticArray<string> = ["<|pad|>", "<|unk|>", "<|bos|>", "<|eos|>"];

// Offsets of each keyword from the keyword base, in vocabulary order.
export const KW_START: i32 = 0;
export const KW_GOAL: i32 = 1;
export const KW_WALL: i32 = 2;
export const KW_CREATE: i32 = 3;
export const KW_CLOSE: i32 = 4;
export const KW_PLAN: i32 = 5;
export const KW_QUERY: i32 = 6;
export const KW_REASONING: i32 = 7;
export const KW_SOLUTION: i32 = 8;
export const KW_END: i32 = 9;
export const KEYWORD_COUNT: i32 = 10;

export const SP_PAD: i32 = 0;
export const SP_UNK: i32 = 1;
export const SP_BOS: i32 = 2;
export const SP_EOS: i32 = 3;
export const SPECIAL_COUNT: i32 = 4;

// Token classes used by the validator's parser (spec section 6): one table lookup instead of a
// chain of range tests. `reasoning` is CLS_OTHER: only a leading one is removed (the parser does it).
export const CLS_COST: u8 = 0; // c<k>
export const CLS_COORD: u8 = 1; // a coordinate number
export const CLS_CREATE: u8 = 2;
export const CLS_CLOSE: u8 = 3;
export const CLS_PLAN: u8 = 4;
export const CLS_DROP: u8 = 5; // removed before parsing: solution end <|bos|>
export const CLS_EOS: u8 = 6; // <|eos|>: parsing stops
export const CLS_OTHER: u8 = 7; // start goal wall query reasoning <|pad|> <|unk|>, every id outside the vocabulary

export class Vocab {
  readonly costs: i32; // R * C
  readonly coords: i32; // max(R, C)
  readonly keywordBase: i32;
  readonly specialBase: i32;
  readonly size: i32;
  // Class of every id in [0, size); ids outside are CLS_OTHER (see classOf).
  readonly classes: Uint8Array;

  constructor(public rows: i32, public cols: i32) {
    const costs = rows * cols;
    const keywordBase = costs + max(rows, cols);
    const specialBase = keywordBase + KEYWORD_COUNT;
    const size = specialBase + SPECIAL_COUNT;
    const classes = new Uint8Array(size);
    for (let i = 0; i < costs; i++) unchecked((classes[i] = CLS_COST));
    for (let i = costs; i < keywordBase; i++) unchecked((classes[i] = CLS_COORD));
    for (let k = 0; k < KEYWORD_COUNT; k++) unchecked((classes[keywordBase + k] = CLS_OTHER));
    unchecked((classes[keywordBase + KW_CREATE] = CLS_CREATE));
    unchecked((classes[keywordBase + KW_CLOSE] = CLS_CLOSE));
    unchecked((classes[keywordBase + KW_PLAN] = CLS_PLAN));
    unchecked((classes[keywordBase + KW_SOLUTION] = CLS_DROP));
    unchecked((classes[keywordBase + KW_END] = CLS_DROP));
    unchecked((classes[specialBase + SP_PAD] = CLS_OTHER));
    unchecked((classes[specialBase + SP_UNK] = CLS_OTHER));
    unchecked((classes[specialBase + SP_BOS] = CLS_DROP));
    unchecked((classes[specialBase + SP_EOS] = CLS_EOS));
    this.costs = costs;
    this.coords = max(rows, cols);
    this.keywordBase = keywordBase;
    this.specialBase = specialBase;
    this.size = size;
    this.classes = classes;
  }

  @inline keyword(k: i32): i32 {
    return this.keywordBase + k;
  }

  @inline special(k: i32): i32 {
    return this.specialBase + k;
  }

  @inline costId(v: i32): i32 {
    return v;
  }

  @inline coordId(v: i32): i32 {
    return this.costs + v;
  }

  // Any i32 is safe here: negative and too-large ids read as CLS_OTHER (treated as <|unk|>).
  @inline classOf(id: i32): u8 {
    return <u32>id < <u32>this.size ? unchecked(this.classes[id]) : CLS_OTHER;
  }

  // The word of an id; ids outside the vocabulary read as <|unk|>.
  word(id: i32): string {
    if (<u32>id >= <u32>this.size) return unchecked(SPECIALS[SP_UNK]);
    if (id < this.costs) return "c" + id.toString();
    if (id < this.keywordBase) return (id - this.costs).toString();
    if (id < this.specialBase) return unchecked(KEYWORDS[id - this.keywordBase]);
    return unchecked(SPECIALS[id - this.specialBase]);
  }

  words(): Array<string> {
    const out = new Array<string>(this.size);
    for (let i = 0; i < this.size; i++) unchecked((out[i] = this.word(i)));
    return out;
  }
}

// Vocabularies are looked up on every call; keep the last one (callers rarely switch sizes).
let cached: Vocab | null = null;

export function vocabFor(rows: i32, cols: i32): Vocab {
  const v = cached;
  if (v != null && v.rows == rows && v.cols == cols) return v;
  const fresh = new Vocab(rows, cols);
  cached = fresh;
  return fresh;
}
