#!/usr/bin/env python3
"""Checks the internal links of README.md and docs/**/*.md, as GitHub renders them.

- A relative link (`docs/security.md`, `../README.md`, `/conf/config.json`) must name an existing file or directory,
  relative to the Markdown file (or to the repository root when it starts with `/`).
- An anchor (`#limits`, `docs/security.md#tokens`) on a Markdown file must be the GitHub slug of one of its headings
  (lowercased; punctuation other than `-` and `_` dropped; spaces turned into `-`; the second heading with the same
  slug gets `-1`, the third `-2`, ...), or an explicit `<a id="...">` / `name="..."` in that file. On other files
  only GitHub's line anchors (`#L10`, `#L10-L20`) are accepted.
- External links (`http:`, `https:`, `mailto:`, any `scheme:`) are not fetched.

Usage: check-links.py [FILE.md ...]   (default: README.md and docs/**/*.md of the repository)
Prints one line per bad link, `file:line: bad link "target": reason`, and exits 1 when there is any.
"""
import glob
import os
import re
import sys
import unicodedata
import urllib.parse

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

FENCE = re.compile(r'^ {0,3}(`{3,}|~{3,})')
ATX = re.compile(r'^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$')
SETEXT = re.compile(r'^ {0,3}(=+|-+)[ \t]*$')
CODE_SPAN = re.compile(r'(`+)(.+?)\1')
# [text](target "title") and ![alt](target); the text may hold one level of brackets, the target one of parentheses.
INLINE_LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]'
                         r'\(\s*(<[^>]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+"[^"]*"|\s+\'[^\']*\')?\s*\)')
REF_DEF = re.compile(r'^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)')
HTML_LINK = re.compile(r'<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["\']([^"\']*)["\']', re.I)
HTML_ANCHOR = re.compile(r'<[a-z][^>]*?\b(?:id|name)\s*=\s*["\']([^"\']+)["\']', re.I)
SCHEME = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:')
LINE_ANCHOR = re.compile(r'^L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?$')


def heading_text(raw):
    """The text GitHub slugs: the heading as rendered, without its inline markup."""
    text = CODE_SPAN.sub(lambda m: m.group(2).strip(), raw)
    text = re.sub(r'!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)', r'\1', text)   # links and images keep their text
    text = re.sub(r'<[^>]+>', '', text)                                         # inline HTML
    text = re.sub(r'(\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9]))', '', text)     # emphasis markers, not snake_case
    return text.strip()


def slug(text):
    """GitHub's heading slug (github-slugger): lowercase, keep letters, digits, marks, '-', '_' and spaces."""
    kept = ''.join(c for c in text.lower() if c.isalnum() or c in '-_ ' or unicodedata.category(c).startswith('M'))
    return kept.replace(' ', '-')


def scan(path):
    """Returns (anchors, links): the anchors the file defines, and (line, target) of every link in it."""
    anchors, counts, links = set(), {}, []

    def add_heading(text):
        base = slug(heading_text(text))
        name, n = base, counts.get(base, 0)
        while name in anchors and n < 10000:       # github-slugger: -1, -2, ... until unused
            n += 1
            name = f'{base}-{n}'
        counts[base] = n
        anchors.add(name)

    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    fence = None
    previous = ''                                     # the previous line, when it may start a setext heading
    for number, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(' `~'):
                fence = None
            continue
        if m:
            fence, previous = m.group(1), ''
            continue
        if line.startswith('    ') and not previous:   # indented code block
            continue
        for anchor in HTML_ANCHOR.findall(line):
            anchors.add(anchor)
        setext = SETEXT.match(line)
        paragraph = previous.strip() and not ATX.match(previous) and previous.lstrip()[:1] not in '|-*>'
        if setext and paragraph:
            # `previous` was counted as text; it is a heading instead.
            add_heading(previous.strip())
            previous = ''
            continue
        atx = ATX.match(line)
        if atx:
            add_heading(atx.group(2) or '')
            previous = ''
        else:
            previous = line
        text = CODE_SPAN.sub(lambda s: ' ' * len(s.group(0)), line)
        for target in INLINE_LINK.findall(text) + HTML_LINK.findall(text):
            links.append((number, target))
        ref = REF_DEF.match(text)
        if ref:
            links.append((number, ref.group(1)))
    return anchors, links


def check(files):
    cache = {}

    def anchors_of(path):
        if path not in cache:
            cache[path] = scan(path)[0]
        return cache[path]

    problems = []
    for path in files:
        anchors, links = scan(path)
        cache[path] = anchors
        shown = os.path.relpath(path, ROOT)
        for number, raw in links:
            target = raw[1:-1] if raw.startswith('<') and raw.endswith('>') else raw
            if not target or SCHEME.match(target):
                if not target:
                    problems.append(f'{shown}:{number}: bad link "{raw}": empty target')
                continue
            file_part, _, anchor = target.partition('#')
            file_part = urllib.parse.unquote(file_part.split('?', 1)[0])
            anchor = urllib.parse.unquote(anchor)
            if file_part:
                base = ROOT if file_part.startswith('/') else os.path.dirname(path)
                dest = os.path.normpath(os.path.join(base, file_part.lstrip('/')))
                if not (dest + os.sep).startswith(ROOT + os.sep):
                    problems.append(f'{shown}:{number}: bad link "{raw}": it leads out of the repository')
                    continue
                if not os.path.exists(dest):
                    problems.append(f'{shown}:{number}: bad link "{raw}": {os.path.relpath(dest, ROOT)} does not exist')
                    continue
            else:
                dest = path
            if not anchor and '#' in target:
                problems.append(f'{shown}:{number}: bad link "{raw}": empty anchor')
            elif anchor:
                if os.path.isfile(dest) and dest.endswith('.md'):
                    if anchor not in anchors_of(dest):
                        near = sorted(a for a in anchors_of(dest) if a.split('-')[0] == anchor.split('-')[0])
                        hint = f'; headings nearby: {", ".join(near[:5])}' if near else ''
                        problems.append(f'{shown}:{number}: bad link "{raw}": no heading or anchor "{anchor}" in '
                                        f'{os.path.relpath(dest, ROOT)}{hint}')
                elif not (os.path.isfile(dest) and LINE_ANCHOR.match(anchor)):
                    problems.append(f'{shown}:{number}: bad link "{raw}": anchor "{anchor}" on a file that has no '
                                    'headings (only #L<n> line anchors are checked there)')
    return problems


def main(args):
    sys.stdout.reconfigure(line_buffering=True)
    if args:
        files = [os.path.realpath(a) for a in args]
    else:
        files = [os.path.join(ROOT, 'README.md')]
        docs = glob.glob(os.path.join(ROOT, 'docs', '**', '*.md'), recursive=True)
        files += sorted(os.path.realpath(p) for p in docs)
    problems = check(files)
    for problem in problems:
        print(problem)
    if problems:
        print(f'check-links: {len(problems)} bad internal link(s) in {len(files)} file(s)', file=sys.stderr)
        return 1
    print(f'check-links: ok - the internal links of {len(files)} file(s) lead somewhere')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
