#!/usr/bin/env python3
"""Composes lib/auth/common-passwords.txt offline (issue 13 item 6), run once by hand:

  python3 scripts/build-common-passwords.py /usr/share/john/password.lst > lib/auth/common-passwords.txt

Sources: the Openwall John the Ripper password.lst (Debian package john-data; "assumed to be
in the public domain" says its header) — the passwords most often seen — plus generated
forms that breach corpora are full of: keyboard walks, digit and letter runs, repeated
characters, and the commonest words with the years and digit/symbol tails people add.
Lower-cased, one a line, no duplicates; lib/auth/password-policy.ts also strips digit and
symbol tails and undoes leetspeak before looking a password up, so the list stays short.
"""
import sys

def main(path):
    words = []
    for line in open(path, encoding='latin-1'):
        w = line.strip().lower()
        if not w or w.startswith('#!comment'):
            continue
        words.append(w)
    out = []
    seen = set()
    def add(w):
        w = w.lower()
        if w and w not in seen and '\n' not in w:
            seen.add(w)
            out.append(w)
    for w in words:
        add(w)
    # Keyboard walks and runs, and their 12+ character extensions.
    rows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '0987654321', 'poiuytrewq', 'lkjhgfdsa', 'mnbvcxz', 'abcdefghijklmnopqrstuvwxyz']
    for r in rows:
        for n in range(6, len(r) + 1):
            add(r[:n])
        add(r + r)
        add(r + '123')
        add(r + '1234')
        add(r + '!')
    for walk in ['1qaz2wsx', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'qazwsx', 'qazwsxedc', 'qazwsxedcrfv', 'zaq12wsx', 'zaq1xsw2', '!qaz@wsx', 'q1w2e3r4', 'q1w2e3r4t5y6', '1q2w3e4r', '1q2w3e4r5t6y', '1q2w3e4r5t', 'qwer1234', 'qwerty123456', 'asdf1234', 'asdfghjkl123', 'zxcv1234', 'qweasdzxc', 'qweasd123', 'qwe123qwe123', 'abc123abc123', 'aaa111', 'qwertyqwerty', 'asdfasdfasdf', 'passpasspass', '123qweasdzxc', '147258369', '159357', '741852963', '789456123', '123456789a', 'a123456789', '1234567890q', 'q1234567890']:
        add(walk)
    for d in '0123456789':
        for n in range(6, 17):
            add(d * n)
    for c in 'abcdefghijklmnopqrstuvwxyz!*.-_ ':
        for n in range(8, 17):
            add(c * n)
    for unit in ['12', '123', '1234', '12345', 'ab', 'abc', 'abcd', 'qwe', 'asd', 'xo', 'ha', 'la', '01', '69', '007', '1122', '2580']:
        for times in range(2, 9):
            w = unit * times
            if 6 <= len(w) <= 24:
                add(w)
    # The commonest words (top of the John list plus service words) with tails and years.
    base = words[:400] + ['password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'welcome', 'admin', 'administrator', 'letmein', 'iloveyou', 'trustno1', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'batman', 'shadow', 'michael', 'jennifer', 'jordan', 'hunter', 'charlie', 'computer', 'internet', 'secret', 'changeme', 'default', 'login', 'billing', 'console', 'account', 'customer', 'tencent', 'trtc', 'qcloud', 'wechat', 'weixin', 'china', 'beijing', 'shanghai', 'woaini', 'woaini1314', 'iloveyou1314', 'summer', 'winter', 'spring', 'autumn', 'starwars', 'pokemon', 'whatever', 'freedom', 'qwerty', 'abc', 'test', 'guest', 'root', 'user', 'demo', 'company', 'office', 'mypassword', 'newpassword', 'yourpassword', 'password1', 'letmein1', 'welcome1']
    tails = ['1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '!', '!!', '1!', '123!', '@123', '#1', '01', '007', '69', '99', '00', '111', '666', '777', '888', '000', '1314', '520', '2000', '2010', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027']
    for w in dict.fromkeys(base):
        if not w.isalpha() and not any(ch in w for ch in '@0'):
            continue
        for t in tails:
            add(w + t)
        add(w + w)
        add(w * 3)
    sys.stdout.write('\n'.join(out) + '\n')

if __name__ == '__main__':
    main(sys.argv[1])
