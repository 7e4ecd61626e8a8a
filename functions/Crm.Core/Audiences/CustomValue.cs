namespace Crm.Core.Audiences;

/// <summary>A custom field's value: exactly one of text, number, flag or date.</summary>
public sealed record CustomValue(string? Text = null, decimal? Number = null, bool? Flag = null, DateTimeOffset? Date = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public object? Value => Text ?? (object?)Number ?? (object?)Flag ?? Date;
}
