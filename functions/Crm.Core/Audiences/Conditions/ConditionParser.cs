namespace Crm.Core.Audiences.Conditions;

/// <summary>
/// Recursive descent over the condition language (see README "Group conditions"):
/// or → and ('or' and)*; and → unary ('and' unary)*; unary → 'not' unary | '(' or ')' | comparison;
/// comparison → field (op value | 'in' '(' value, … ')' | 'contains' 'text' | 'exists').
/// Built-in fields are type-checked here, so "grade > 5" fails at parse time, not silently at run time.
/// The recursion goes one level deeper per '(' and 'not' only, and stops at <see cref="Condition.MaxDepth"/>.
/// </summary>
internal sealed class ConditionParser
{
    private static readonly string[] Operators = ["=", "!=", "<", "<=", ">", ">="];
    private readonly IReadOnlyList<Token> _tokens;
    private readonly Func<string, int, ValueKind?> _kindOf;
    private int _next;
    private int _depth;

    private ConditionParser(IReadOnlyList<Token> tokens, Func<string, int, ValueKind?> kindOf)
    {
        _tokens = tokens;
        _kindOf = kindOf;
    }

    private Token Current => _tokens[_next];

    public static Condition Parse(string text, Func<string, int, ValueKind?> kindOf)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ConditionParseException(1, "The condition is empty.");
        }

        if (text.Length > Condition.MaxLength)
        {
            throw new ConditionParseException(Condition.MaxLength + 1, $"A condition has at most {Condition.MaxLength:N0} characters; this one has {text.Length:N0}.");
        }

        var parser = new ConditionParser(ConditionLexer.Tokenize(text), kindOf);
        var condition = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new ConditionParseException(parser.Current.Position, $"Expected 'and', 'or' or the end, found '{parser.Current.Text}'.");
        }

        return condition;
    }

    private Condition ParseOr()
    {
        var terms = new List<Condition> { ParseAnd() };
        while (IsKeyword("or"))
        {
            _next++;
            terms.Add(ParseAnd());
        }

        return terms.Count == 1 ? terms[0] : new OrCondition(terms);
    }

    private Condition ParseAnd()
    {
        var terms = new List<Condition> { ParseUnary() };
        while (IsKeyword("and"))
        {
            _next++;
            terms.Add(ParseUnary());
        }

        return terms.Count == 1 ? terms[0] : new AndCondition(terms);
    }

    private Condition ParseUnary()
    {
        if (IsKeyword("not"))
        {
            Enter(Current);
            _next++;
            var negated = new NotCondition(ParseUnary());
            _depth--;
            return negated;
        }

        if (Current.Kind == TokenKind.LeftParen)
        {
            var open = Current;
            Enter(open);
            _next++;
            var inner = ParseOr();
            if (Current.Kind != TokenKind.RightParen)
            {
                throw new ConditionParseException(Current.Position, $"Expected ')' to close the '(' at character {open.Position}.");
            }

            _next++;
            _depth--;
            return inner;
        }

        return ParseComparison();
    }

    // Before the recursion a '(' or 'not' starts: a stack overflow would end the process, not the request.
    private void Enter(Token token)
    {
        if (++_depth > Condition.MaxDepth)
        {
            throw new ConditionParseException(token.Position, $"Parentheses and 'not' nest at most {Condition.MaxDepth} levels deep.");
        }
    }

    private Condition ParseComparison()
    {
        var fieldToken = Current;
        if (fieldToken.Kind != TokenKind.Identifier || IsReserved(fieldToken.Text))
        {
            throw new ConditionParseException(fieldToken.Position, $"Expected a field name, found '{(fieldToken.Kind == TokenKind.End ? "the end" : fieldToken.Text)}'.");
        }

        var kind = _kindOf(fieldToken.Text, fieldToken.Position);
        var field = fieldToken.Text;
        _next++;

        if (IsKeyword("exists"))
        {
            _next++;
            return new ExistsCondition(field);
        }

        if (IsKeyword("contains"))
        {
            _next++;
            var value = Current;
            if (value.Kind != TokenKind.Text || kind is not (null or ValueKind.Text))
            {
                throw new ConditionParseException(value.Position, $"'contains' takes a quoted text and a text field; {field} is {kind?.ToString().ToLowerInvariant() ?? "custom"}.");
            }

            _next++;
            return new ContainsCondition(field, value.Text);
        }

        if (IsKeyword("in"))
        {
            _next++;
            Expect(TokenKind.LeftParen, "'(' after 'in'");
            var values = new List<Literal> { Value(kind, field) };
            while (Current.Kind == TokenKind.Comma)
            {
                _next++;
                values.Add(Value(kind, field));
            }

            Expect(TokenKind.RightParen, "',' or ')' in the 'in' list");
            return new InCondition(field, values);
        }

        if (Current.Kind != TokenKind.Operator || !Operators.Contains(Current.Text))
        {
            throw new ConditionParseException(Current.Position, $"Expected =, !=, <, <=, >, >=, in, contains or exists after {field}, found '{(Current.Kind == TokenKind.End ? "the end" : Current.Text)}'.");
        }

        var op = Current.Text;
        _next++;
        return new ComparisonCondition(field, op, Value(kind, field));
    }

    private Literal Value(ValueKind? fieldKind, string field)
    {
        var token = Current;
        var literal = Literal.Parse(token);
        if (fieldKind is { } expected && literal.Kind != expected)
        {
            throw new ConditionParseException(token.Position, $"{field} is a {expected.ToString().ToLowerInvariant()} field; '{token.Text}' is a {literal.Kind.ToString().ToLowerInvariant()}.");
        }

        _next++;
        return literal;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new ConditionParseException(Current.Position, $"Expected {what}, found '{(Current.Kind == TokenKind.End ? "the end" : Current.Text)}'.");
        }

        _next++;
    }

    private bool IsKeyword(string keyword) => Current.Kind == TokenKind.Identifier && Current.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private static bool IsReserved(string word) => word.ToLowerInvariant() is "and" or "or" or "not" or "in" or "contains" or "exists" or "true" or "false";
}
