using System.Text.Json;

namespace Crm.Local.Hosting;

/// <summary>
/// Reads the "Values" of local.settings.json (or, when there is none, local.settings.sample.json)
/// the way the Functions host does: "A__b" becomes the configuration key "A:b".
/// Environment variables override them, as in Azure.
/// </summary>
public static class LocalSettings
{
    public static (string? Path, IReadOnlyDictionary<string, string?> Values) Load(string? repoRoot)
    {
        var path = new[] { "local.settings.json", "local.settings.sample.json" }
            .Select(name => repoRoot is null ? null : Path.Combine(repoRoot, name))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            return (null, new Dictionary<string, string?>());
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return (path, values);
    }
}
