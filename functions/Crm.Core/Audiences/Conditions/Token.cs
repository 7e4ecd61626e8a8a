namespace Crm.Core.Audiences.Conditions;

/// <summary>One lexical token and the 1-based position it starts at.</summary>
public sealed record Token(TokenKind Kind, string Text, int Position);
