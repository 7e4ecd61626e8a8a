using System.Text;
using System.Text.RegularExpressions;

namespace Crm.Core.Campaigns;

/// <summary>#{variable} placeholders, filled per recipient at send time.</summary>
public static partial class MessageTemplate
{
    public static IReadOnlyList<string> Placeholders(string content) =>
        PlaceholderPattern().Matches(content).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Fills every placeholder; a missing value is an error the validator reports first.</summary>
    public static string Render(string content, IReadOnlyDictionary<string, string>? variables)
    {
        if (!content.Contains("#{", StringComparison.Ordinal))
        {
            return content;
        }

        var builder = new StringBuilder(content.Length + 32);
        var last = 0;
        foreach (Match match in PlaceholderPattern().Matches(content))
        {
            builder.Append(content, last, match.Index - last);
            var name = match.Groups[1].Value;
            if (variables is null || !variables.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"No value for #{{{name}}}.");
            }

            builder.Append(value);
            last = match.Index + match.Length;
        }

        builder.Append(content, last, content.Length - last);
        return builder.ToString();
    }

    [GeneratedRegex(@"#\{([A-Za-z0-9_가-힣]{1,40})\}")]
    private static partial Regex PlaceholderPattern();
}
