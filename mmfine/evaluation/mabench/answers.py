"""Normalising free-form model answers to MA-Bench's closed forms: an
option letter (CMAR, FMAR) or Yes / No (MAS, SAD, MAD, PPR). An answer
that cannot be read as exactly one option is None (scored wrong)."""
import re
from typing import Dict, Optional

_OPTION = re.compile(r'^\s*([A-Z])[.)]\s*(.+?)\s*$', re.M)


def parse_options(question: str) -> Dict[str, str]:
    """``{letter: option text}`` of a multiple-choice question's
    ``A. text`` lines."""
    return {m.group(1): m.group(2) for m in _OPTION.finditer(question)}


def _words(text: str) -> str:
    return ' '.join(re.findall(r'[a-z]+', text.lower()))


def _named_options(text: str, options: Dict[str, str]) -> list:
    """Letters whose option text the answer contains (an option inside
    another named one, e.g. "legs" in "closing legs", does not count)."""
    said = f' {_words(text)} '
    named = [k for k, v in options.items() if f' {_words(v)} ' in said]
    return [
        k for k in named if not any(
            o != k and f' {_words(options[k])} ' in f' {_words(options[o])} '
            for o in named)
    ]


_LEAD = re.compile(
    r'^\s*(?P<prefix>(?:(?:i\s+think|i\s+believe|so)\s*,?\s+)?'
    r'(?:the\s+|my\s+)?(?:correct\s+|final\s+|best\s+)?'
    r'(?:answer|option|choice)\s*(?:is)?\s*:?\s*)?'
    r'(?P<open>[\(\[])?(?P<letter>[A-Z])(?:(?P<close>[\)\].:,])|\s|$)', re.I)


def normalise_choice(answer: str, question: str) -> Optional[str]:
    """The option letter ``answer`` names: a leading letter (``'F'``,
    ``'(F)'``, ``'F.'``, ``'Answer: F'``, ``'F. Upper limb'``, in either
    case: ``'answer: f'``, ``'The answer is (f)'``) or else the
    option's text (``'upper limb'``); None when it names none, several,
    or a letter whose text contradicts the text that follows it."""
    options = parse_options(question)
    if not options or not isinstance(answer, str):
        return None
    answer = re.sub(r'[*`]', '', answer)  # Markdown emphasis: "**B**"
    lead = _LEAD.match(answer)
    after = answer[lead.end():] if lead else ''
    # a lower-case letter is a letter only when the answer says so
    # ("(b)", "Answer: b" or "answer: b. ...", not "answer: a head ...")
    # or is nothing else ("b.", "b:"): "a person ..." is not
    if lead and lead.group('letter').upper() in options and (
            lead.group('letter').isupper()
            or (lead.group('open') and lead.group('close'))
            or (lead.group('prefix') and
                (lead.group('close') or not _words(after)))
            or len(answer.strip(' .:,()[]')) == 1):
        letter = lead.group('letter').upper()
        rest = _named_options(after, options)
        # "A person ..." is an article, not option A: a bare letter must
        # end the answer, carry punctuation or be followed by its option
        if lead.group('close') or not _words(after) or rest:
            return letter if not rest or rest == [letter] else None
    named = _named_options(answer, options)
    return named[0] if len(named) == 1 else None


def normalise_yes_no(answer: str) -> Optional[str]:
    """``'Yes'`` or ``'No'`` from an answer that starts with (or only
    contains) one of them; None when it says both, neither, or is not
    text."""
    if not isinstance(answer, str):
        return None
    words = re.findall(r'[a-z]+', answer.lower())
    if not words or ('yes' in words and 'no' in words):
        return None
    if words[0] in ('yes', 'y', 'true', 'correct'):
        return 'Yes'
    if words[0] in ('no', 'n', 'false', 'incorrect'):
        return 'No'
    has_yes, has_no = 'yes' in words, 'no' in words
    if has_yes != has_no:
        return 'Yes' if has_yes else 'No'
    return None
