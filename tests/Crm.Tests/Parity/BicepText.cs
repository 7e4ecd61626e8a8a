using System.Text.RegularExpressions;

namespace Crm.Tests.Parity;

/// <summary>
/// Reads the few things the parity tests need from Bicep source as text (.ci/run compiles it separately).
/// Deliberately simple regexes over the layout `bicep format` produces (and infra/main.bicep keeps):
/// <list type="bullet">
/// <item>A top-level <c>var name = {</c> object or <c>var name = [</c> array starts at column 0 and
/// ends at the next line that starts with <c>}</c> or <c>]</c> at column 0.</item>
/// <item>Object keys are one per line, <c>Key: value</c> or <c>'Key': value</c>; lines that start
/// with <c>//</c> are comments and ignored. Only flat objects are supported.</item>
/// <item>Array items are one single-quoted string per line.</item>
/// <item>A parameter default is <c>param name string = '...'</c> at column 0 (decorators above it are
/// fine). Escaped quotes inside strings are not supported.</item>
/// </list>
/// </summary>
public static partial class BicepText
{
    /// <summary>The keys of the flat object <c>var {variable} = { ... }</c>, in order, with each value's source text.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ObjectEntries(string bicep, string variable)
    {
        var body = Block(bicep, variable, '{', '}');
        return Lines(body)
            .Select(line => ObjectKey().Match(line))
            .Where(m => m.Success)
            .Select(m => KeyValuePair.Create(m.Groups["key"].Value, m.Groups["value"].Value.Trim()))
            .ToList();
    }

    /// <summary>The string items of <c>var {variable} = [ ... ]</c>, in order.</summary>
    public static IReadOnlyList<string> StringArray(string bicep, string variable)
    {
        var body = Block(bicep, variable, '[', ']');
        return Lines(body)
            .Select(line => ArrayItem().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["item"].Value)
            .ToList();
    }

    /// <summary>The default of <c>param {name} string = '...'</c>, or null when there is none.</summary>
    public static string? StringParamDefault(string bicep, string name)
    {
        var match = Regex.Match(bicep, $@"^param\s+{Regex.Escape(name)}\s+string\s*=\s*'(?<value>[^']*)'", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value : null;
    }

    /// <summary>
    /// What a value expression stands for when it is a string literal (<c>'x'</c>) or a parameter with a
    /// string default; null for anything else (module outputs, interpolations, ...).
    /// </summary>
    public static string? ResolveString(string bicep, string valueExpression)
    {
        if (StringLiteral().Match(valueExpression) is { Success: true } literal)
        {
            return literal.Groups["value"].Value;
        }

        return Identifier().Match(valueExpression) is { Success: true } identifier
            ? StringParamDefault(bicep, identifier.Groups["name"].Value)
            : null;
    }

    private static string Block(string bicep, string variable, char open, char close)
    {
        var pattern = $@"^var\s+{Regex.Escape(variable)}\s*=\s*{Regex.Escape(open.ToString())}(?<body>.*?)^{Regex.Escape(close.ToString())}";
        var match = Regex.Match(bicep, pattern, RegexOptions.Multiline | RegexOptions.Singleline);
        return match.Success
            ? match.Groups["body"].Value
            : throw new InvalidOperationException($"No top-level 'var {variable} = {open} ... {close}' block found in the Bicep text.");
    }

    private static IEnumerable<string> Lines(string body) =>
        body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));

    // Key at the start of a line (optionally quoted), a colon, then the value's source text.
    [GeneratedRegex(@"^\s*'?(?<key>[A-Za-z_][A-Za-z0-9_]*)'?\s*:\s*(?<value>.*)$")]
    private static partial Regex ObjectKey();

    [GeneratedRegex(@"^\s*'(?<item>[^']*)'")]
    private static partial Regex ArrayItem();

    // A whole-value string literal without interpolation, optionally followed by a comment.
    [GeneratedRegex(@"^'(?<value>[^'$]*)'\s*(//.*)?$")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(//.*)?$")]
    private static partial Regex Identifier();
}
