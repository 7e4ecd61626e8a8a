using System.Text;
using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Reads a body once as plain JSON before it is turned into a request, so a syntax error is
/// described in words a caller can act on (where it is, by field and by line and byte, and whether
/// the JSON stops early, has something after its end, nests too deep or names a property twice)
/// rather than in the parser's terms.
/// </summary>
public static class JsonSyntax
{
    /// <summary>Throws a <see cref="CrmValidationException"/> naming the field when <paramref name="json"/> is not one well-formed JSON value.</summary>
    /// <param name="prefix">Names the whole value in errors (e.g. "line 3" of NDJSON); "body" when null.</param>
    public static void Check(ReadOnlySpan<byte> json, JsonSerializerOptions options, string? prefix = null)
    {
        var maxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = maxDepth,
            CommentHandling = options.ReadCommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
        });
        var frames = new List<Frame>();
        var complete = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        var name = reader.GetString()!;
                        if (frame.Names.Contains(name))
                        {
                            throw Problem(prefix, Path(frames, name), "This property appears twice in one object; send it once.");
                        }

                        frame.Names.Add(name);
                        frame.Property = name;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add(Frame.Start(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        complete = ValueDone(frames);
                        break;
                    default:
                        complete = ValueDone(frames);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            var where = $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}";
            if (complete)
            {
                throw Problem(prefix, null, $"Unexpected text after the end of the JSON value, at {where}.");
            }

            if (frames.Count >= maxDepth)
            {
                throw Problem(prefix, Path(frames, null), $"Nested more than {maxDepth} levels deep, at {where}.");
            }

            throw Problem(prefix, Path(frames, null), EndsEarly(json, ex)
                ? "The JSON ends before it is complete: a quote, bracket or brace is not closed."
                : $"Not valid JSON at {where}: check the quotes, commas and brackets around it.");
        }
    }

    /// <summary>The field a body's path names, as errors key it: "recipients[3].phone", or <paramref name="prefix"/> (default "body") for the whole value.</summary>
    internal static CrmValidationException Problem(string? prefix, string? path, string message) =>
        prefix is null
            ? new CrmValidationException(string.IsNullOrEmpty(path) ? "body" : path, message)
            : new CrmValidationException(prefix, string.IsNullOrEmpty(path) ? message : $"{path}: {message}");

    // A value finished at this level: an object's property has its value, an array has one more element.
    // Returns whether that was the whole document.
    private static bool ValueDone(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return true;
        }

        var frame = frames[^1];
        if (frame.IsArray)
        {
            frame.Index++;
        }
        else
        {
            frame.Property = null;
        }

        return false;
    }

    private static string Path(List<Frame> frames, string? last)
    {
        var path = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if ((i == frames.Count - 1 ? last ?? frame.Property : frame.Property) is { } name)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(name);
            }
        }

        return path.ToString();
    }

    // The reader stopped at the end of the input (trailing white space aside): something was left open.
    private static bool EndsEarly(ReadOnlySpan<byte> json, JsonException ex)
    {
        var rest = json;
        for (var line = 0L; line < (ex.LineNumber ?? 0) && rest.IndexOf((byte)'\n') is var n and >= 0; line++)
        {
            rest = rest[(n + 1)..];
        }

        var position = (int)Math.Min(ex.BytePositionInLine ?? 0, rest.Length);
        return rest[position..].Trim(" \t\r\n"u8).IsEmpty;
    }

    private sealed class Frame
    {
        private HashSet<string>? _names;

        public bool IsArray { get; private init; }

        public int Index { get; set; }

        public string? Property { get; set; }

        public HashSet<string> Names => _names ??= new(StringComparer.Ordinal);

        public static Frame Start(bool isArray) => new() { IsArray = isArray };
    }
}
