// Finds the top-level `resource "<type>" "<name>" { ... }` blocks of a Terraform file, with their
// raw text (comments included), by scanning HCL just far enough to match braces: strings with
// escapes and ${...} interpolations (which may hold strings of their own), heredocs, comments.

const IDENT = /^resource\s+"([^"]+)"\s+"([^"]+)"\s*\{/;

/** Inside a string: the index of the last character handled (escapes, the closing quote, `${`/`%{`). */
const stepString = (text, i, stack) => {
  const c = text[i];
  if (c === '\\') return i + 1;
  if (c === '"') stack.pop();
  else if ((c === '$' || c === '%') && text[i + 1] === '{') {
    stack.push({ kind: 'interp', depth: 0 });
    return i + 1;
  }
  return i;
};

/** At a comment or heredoc: the index of its last character; otherwise undefined. */
const skipCommentOrHeredoc = (text, i) => {
  const c = text[i];
  const next = text[i + 1];
  if (c === '#' || (c === '/' && next === '/')) {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (c === '/' && next === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 1;
  }
  if (c !== '<' || next !== '<') return undefined;
  const heredoc = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(text.slice(i));
  if (!heredoc) return undefined;
  const bodyStart = i + heredoc[0].length - 1;
  const terminator = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(\\r?\\n|$)`);
  const rest = terminator.exec(text.slice(bodyStart));
  return rest === null ? text.length : bodyStart + rest.index + rest[0].length - 1;
};

/** Returns the index just past the block whose opening brace is at `open`. */
const matchBrace = (text, open) => {
  // Each frame is what we are inside: 'code' (braces count), 'string', or 'interp' (code inside ${}).
  const stack = [{ kind: 'code', depth: 0 }];
  for (let i = open; i < text.length; i++) {
    const frame = stack.at(-1);
    if (frame.kind === 'string') {
      i = stepString(text, i, stack);
      continue;
    }
    const skipped = skipCommentOrHeredoc(text, i);
    if (skipped !== undefined) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if (c === '"') stack.push({ kind: 'string' });
    else if (c === '{') frame.depth++;
    else if (c === '}') {
      frame.depth--;
      if (frame.depth < 0 && frame.kind === 'interp') stack.pop();
      else if (frame.depth === 0 && stack.length === 1) return i + 1;
    }
  }
  throw new Error(`unbalanced braces from offset ${open}`);
};

/** @returns {{ type: string, name: string, line: number, text: string }[]} */
export const resourceBlocks = (text) => {
  const blocks = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  for (const [index, start] of lineStarts.entries()) {
    const header = IDENT.exec(
      text.slice(start, text.indexOf('\n', start) === -1 ? undefined : text.indexOf('\n', start) + 1),
    );
    if (!header) continue;
    const open = start + header[0].length - 1;
    const end = matchBrace(text, open);
    blocks.push({ type: header[1], name: header[2], line: index + 1, text: text.slice(start, end) });
  }
  return blocks;
};
