using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Turns the serializer's complaint about well-formed JSON of the wrong shape into the field it
/// names and what that field takes, in plain words (an enum's allowed values, a number's range,
/// the properties an object knows), found by walking the request type's JSON contract along the
/// error's path. Never the serializer's message: it names .NET types.
/// </summary>
public static class JsonShapeErrors
{
    public static CrmValidationException Describe(JsonException error, Type root, JsonSerializerOptions options, string? prefix = null)
    {
        var path = error.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : string.Empty;
        var info = options.GetTypeInfo(root);
        foreach (var segment in Segments(path))
        {
            if (info is null)
            {
                break;
            }

            if (segment.Index is not null)
            {
                info = info.Kind == JsonTypeInfoKind.Enumerable ? options.GetTypeInfo(info.ElementType!) : null;
            }
            else if (info.Kind == JsonTypeInfoKind.Dictionary)
            {
                info = options.GetTypeInfo(info.ElementType!);
            }
            else if (info.Kind == JsonTypeInfoKind.Object)
            {
                var property = info.Properties.FirstOrDefault(x => string.Equals(x.Name, segment.Name, StringComparison.OrdinalIgnoreCase));
                if (property is null)
                {
                    return JsonSyntax.Problem(prefix, path, $"Unknown property. This object takes {string.Join(", ", info.Properties.Select(x => x.Name))}.");
                }

                info = options.GetTypeInfo(property.PropertyType);
            }
            else
            {
                info = null;
            }
        }

        return JsonSyntax.Problem(prefix, path, info is null ? "This value does not fit here." : $"Expected {Expected(info, options)}.");
    }

    /// <summary>What a value of this contract looks like, in words a caller knows from the README.</summary>
    public static string Expected(JsonTypeInfo info, JsonSerializerOptions options)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsEnum)
        {
            var names = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options).Trim('"'));
            return $"one of {string.Join(", ", names)}";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => "text in double quotes",
            TypeCode.Boolean => "true or false",
            TypeCode.Byte => "a whole number from 0 to 255",
            TypeCode.Int16 => $"a whole number from {short.MinValue:N0} to {short.MaxValue:N0}",
            TypeCode.Int32 => $"a whole number from {int.MinValue:N0} to {int.MaxValue:N0}",
            TypeCode.Int64 => $"a whole number from {long.MinValue:N0} to {long.MaxValue:N0}",
            TypeCode.Decimal or TypeCode.Double or TypeCode.Single => "a number",
            TypeCode.DateTime => "a date and time such as 2026-01-31T09:00:00+09:00",
            _ when type == typeof(DateTimeOffset) => "a date and time with its offset, such as 2026-01-31T09:00:00+09:00",
            _ when type == typeof(DateOnly) => "a date such as 2026-01-31",
            _ when type == typeof(TimeOnly) => "a time of day such as 09:30",
            _ when type == typeof(TimeSpan) => "a duration such as 00:05:00",
            _ when type == typeof(JsonElement) => "a JSON value",
            _ => info.Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Dictionary => "an object of names and values",
                JsonTypeInfoKind.Object => "an object",
                _ => "another kind of value",
            },
        };
    }

    // "recipients[3].variables.name" → recipients, [3], variables, name; also ['odd name'].
    private static IEnumerable<(string? Name, int? Index)> Segments(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                yield return (path[(i + 2)..end], null);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                yield return (null, int.TryParse(path[(i + 1)..end], out var index) ? index : 0);
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                end = end < 0 ? path.Length : end;
                yield return (path[i..end], null);
                i = end;
            }
        }
    }
}
