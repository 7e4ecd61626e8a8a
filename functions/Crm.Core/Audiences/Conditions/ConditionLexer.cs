using System.Text;

namespace Crm.Core.Audiences.Conditions;

/// <summary>Splits a condition into tokens; "now", "now-90d" and "2026-01-31" are date tokens.</summary>
public static class ConditionLexer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(c switch { '(' => TokenKind.LeftParen, ')' => TokenKind.RightParen, _ => TokenKind.Comma }, c.ToString(), position));
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var op = i + 1 < text.Length && text[i + 1] == '=' ? text.Substring(i, 2) : c.ToString();
                if (op == "!")
                {
                    throw new ConditionParseException(position, "'!' must be followed by '=' (use 'not' to negate).");
                }

                tokens.Add(new Token(TokenKind.Operator, op, position));
                i += op.Length;
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadText(text, ref i, c));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumberOrDate(text, ref i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                var word = text[start..i];
                if (word.Equals("now", StringComparison.OrdinalIgnoreCase) && i < text.Length && text[i] is '+' or '-')
                {
                    // now-90d, now+7d, now-12h, now-2w
                    var offsetStart = i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }

                    if (i < text.Length && text[i] is 'd' or 'h' or 'w')
                    {
                        i++;
                    }

                    word += text[offsetStart..i];
                }

                var isNow = word.Equals("now", StringComparison.OrdinalIgnoreCase)
                    || word.StartsWith("now+", StringComparison.OrdinalIgnoreCase) || word.StartsWith("now-", StringComparison.OrdinalIgnoreCase);
                tokens.Add(new Token(isNow ? TokenKind.Date : TokenKind.Identifier, word, position));
            }
            else
            {
                throw new ConditionParseException(position, $"Unexpected character '{c}'.");
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length + 1));
        return tokens;
    }

    // 'text' or "text"; a doubled quote inside is one quote.
    private static Token ReadText(string text, ref int i, char quote)
    {
        var position = i + 1;
        var builder = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new ConditionParseException(position, "This text has no closing quote.");
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    builder.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return new Token(TokenKind.Text, builder.ToString(), position);
            }

            builder.Append(text[i++]);
        }
    }

    private static Token ReadNumberOrDate(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '-' or ':' or 'T'))
        {
            i++;
        }

        var word = text[start..i];
        var isDate = word.Length >= 10 && word[4] == '-' && word[7] == '-';
        return new Token(isDate ? TokenKind.Date : TokenKind.Number, word, start + 1);
    }
}
