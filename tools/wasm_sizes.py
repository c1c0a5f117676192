#!/usr/bin/env python3
"""What makes a .wasm big: code bytes per function and per area, and the largest data segments.

    tools/wasm_sizes.py build/wasm/web/playground.wasm [--top 30]

Names come from the name section: link a copy with --profiling-funcs (an -O3 link strips them;
then every function is "func[N]"). Reads `wasm-objdump -x` (wabt) and demangles with c++filt.
Areas are a function's namespace or library: ImGui, libc++ (std::), cnn::, libc and the rest.
"""
import argparse
import collections
import re
import subprocess


def objdump(path, section):
    out = subprocess.run(['wasm-objdump', '-x', '-j', section, path], check=True, capture_output=True, text=True).stdout
    return out.splitlines()


def demangle(names):
    if not names:
        return []
    out = subprocess.run(['c++filt'], input='\n'.join(names), check=True, capture_output=True, text=True).stdout
    return out.splitlines()


# First match wins: the area a demangled name belongs to.
AREAS = [
    ('ImGui (imgui*.cpp, backends)', re.compile(r'^(ImGui|Im[A-Z]|ImGui_Impl|stb|STB|ImFont|ImDraw|ImStr|ImTextCharFrom|ImHash|ImFormat|ImParse|ImTriangle|ImBezier|ImLine|ImAtan|ImFile|Table|stbtt|stbrp|stb_)|^(anonymous namespace)::.*Im')),
    ('libc++ iostream/locale', re.compile(r'^std::__2::(basic_(i|o|io)stream|basic_ios|basic_streambuf|basic_stringbuf|basic_(i|o)?stringstream|locale|ctype|codecvt|num_(get|put)|moneypunct|numpunct|time_(get|put)|money_(get|put)|messages|collate|__num_(get|put)|ios_base|__stdoutbuf|__stdinbuf|basic_filebuf|__time_|__codecvt|__money)')),
    ('libc++ other (std::)', re.compile(r'^(std::|void std::|bool std::|unsigned long std::|int std::|char\* std::|__cxa|__cxxabiv1|operator new|operator delete)')),
    ('cnn:: (ours)', re.compile(r'(^|[ (<])cnn::')),
    ('printf family', re.compile(r'^(v?f?s?n?printf|__vfprintf|printf_core|fmt_|pop_arg|out$|pad$|vsnprintf|snprintf|fprintf|sprintf|vsprintf|fmt_fp|frexp|__fwritex|wctomb|__towrite|sn_write)')),
    ('strtod/scanf', re.compile(r'^(strto|__strto|__floatscan|__intscan|decfloat|hexfloat|scan|vsscanf|sscanf|__shgetc|__shlim|vfscanf|sscanf|__uflow|__toread)')),
    ('libc/libm other', re.compile(r'^(__|mem|str|f(open|close|read|write|seek|flush|puts|putc)|malloc|free|calloc|realloc|dlmalloc|dlfree|sbrk|emscripten_|exp|log|pow|sin|cos|tan|sqrt|fmod|floor|ceil|round|atan|acos|asin|scalbn|abort|qsort|isw?|to(upper|lower)|wc|mbr?towc|mbrtowc|abs|ldexp|cbrt|hypot|modf|fmax|fmin)')),
]


def area_of(name):
    for label, pattern in AREAS:
        if pattern.search(name):
            return label
    return 'other'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('wasm')
    ap.add_argument('--top', type=int, default=25)
    args = ap.parse_args()

    funcs = []  # (size, mangled name)
    for line in objdump(args.wasm, 'Code'):
        m = re.match(r'\s*- func\[(\d+)\] size=(\d+)(?: <(.*)>)?', line)
        if m:
            funcs.append((int(m.group(2)), m.group(3) or f'func[{m.group(1)}]'))
    names = demangle([n for _, n in funcs])
    total = sum(s for s, _ in funcs)
    by_area = collections.Counter()
    for (size, _), name in zip(funcs, names):
        by_area[area_of(name)] += size
    print(f'{args.wasm}: {len(funcs)} functions, {total:,} bytes of code')
    for label, size in by_area.most_common():
        print(f'  {size:>9,}  {100 * size / max(total, 1):5.1f}%  {label}')
    print(f'largest functions:')
    for (size, _), name in sorted(zip(funcs, names), reverse=True)[:args.top]:
        print(f'  {size:>9,}  {name[:150]}')

    segments = []
    for line in objdump(args.wasm, 'Data'):
        m = re.match(r'\s*- segment\[(\d+)\].* size=(\d+)', line)
        if m:
            segments.append(int(m.group(2)))
    print(f'data: {len(segments)} segments, {sum(segments):,} bytes; largest: ' +
          ', '.join(f'{s:,}' for s in sorted(segments, reverse=True)[:8]))


if __name__ == '__main__':
    main()
