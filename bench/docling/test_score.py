#!/usr/bin/python3
"""Unit tests of the docling scorer: run with /usr/bin/python3 -m unittest bench/docling/test_score.py"""
import itertools, os, random, sys, unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score


def naive(a, b):
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class ScoreTests(unittest.TestCase):
    def test_levenshtein_matches_dynamic_programming(self):
        rng = random.Random(7)
        for _ in range(400):
            a = [rng.choice('abcd') for _ in range(rng.randint(0, 90))]
            b = [rng.choice('abcd') for _ in range(rng.randint(0, 90))]
            self.assertEqual(score.levenshtein(a, b), naive(a, b), (a, b))

    def test_swapped_halves_keep_f1_but_lose_order(self):
        truth = 'one two three four five six'.split()
        swapped = truth[3:] + truth[:3]
        self.assertEqual(score.word_f1(truth, swapped), 1.0)
        self.assertLess(score.order_score(truth, swapped), 0.5)
        self.assertEqual(score.order_score(truth, truth), 1.0)

    def test_missing_words_lower_recall(self):
        truth = 'a b c d'.split()
        self.assertAlmostEqual(score.word_f1(truth, ['a', 'b']), 2 * 1 * 0.5 / 1.5)
        self.assertEqual(score.word_f1(truth, []), 0.0)

    def test_markdown_syntax_carries_no_words(self):
        self.assertEqual(score.words('## Title\n\n| A | b |\n| - | - |\n<!-- image -->\nÉté'), ['title', 'a', 'b', 'été'])

    def test_escapes_and_entities_read_as_rendered_text_outside_code(self):
        self.assertEqual(score.words(r'VERIFY\_GROUP &amp; x\_y'), score.words('VERIFY_GROUP & x_y'))
        self.assertEqual(score.words(r'`a\_b`'), ['a', '_b'])
        self.assertEqual(score.words('```\na\\_b\n```\nc\\_d'), ['a', '_b', 'c_d'])
        self.assertEqual(score.words(r'VERIFY\_GROUP', rendered=False), ['verify', '_group'])

    def test_arabic_in_visual_order_scores_zero_order(self):
        truth = score.words('إيجاد حلول فعالة')
        visual = score.words('ةلاعف لولح داجيإ')
        self.assertEqual(score.word_f1(truth, visual), 0.0)


if __name__ == '__main__':
    unittest.main()
