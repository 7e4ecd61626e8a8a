namespace Crm.Core.Audiences.Conditions;

public enum TokenKind
{
    Identifier,
    Text,
    Number,
    Date,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}
