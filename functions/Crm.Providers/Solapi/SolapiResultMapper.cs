using Crm.Core.Delivery;
using Crm.Providers.Solapi.Wire;

namespace Crm.Providers.Solapi;

/// <summary>
/// Maps one send-many answer back to our messages by reference. Solapi echoes each message's
/// customFields, which carry the reference; when an entry has none, a refused entry is matched by
/// its "to" and an accepted one by request order among the messages still unmatched (the order is an
/// assumption: Solapi does not document it). A message the answer does not mention gets no result,
/// which the delivery activity records as NO_RESULT.
/// </summary>
internal static class SolapiResultMapper
{
    /// <summary>Solapi's "정상 접수": registered, to be handed to the carrier or Kakao.</summary>
    public const string Accepted = "2000";

    public static IReadOnlyList<ProviderResult> Map(IReadOnlyList<ProviderMessage> sent, SolapiSendManyResponse response)
    {
        var results = new ProviderResult?[sent.Count];
        var byReference = new Dictionary<string, int>(sent.Count, StringComparer.Ordinal);
        for (var i = 0; i < sent.Count; i++)
        {
            byReference.TryAdd(sent[i].Reference, i);
        }

        foreach (var failed in response.FailedMessageList ?? [])
        {
            var index = ByReference(failed) ?? ByRecipient(failed.To);
            if (index is { } i && results[i] is null)
            {
                results[i] = Refused(sent[i], failed);
            }
        }

        var next = 0;
        foreach (var entry in response.MessageList ?? [])
        {
            var index = ByReference(entry);
            if (index is null)
            {
                while (next < sent.Count && results[next] is not null)
                {
                    next++;
                }

                index = next < sent.Count ? next : null;
            }

            if (index is { } i && results[i] is null)
            {
                results[i] = entry.StatusCode == Accepted
                    ? new ProviderResult(sent[i].Reference, true, entry.MessageId, null, null)
                    : Refused(sent[i], entry);
            }
        }

        return results.OfType<ProviderResult>().ToList();

        int? ByReference(SolapiMessageResult entry) =>
            entry.CustomFields is { } fields && fields.TryGetValue(SolapiRequestBuilder.ReferenceField, out var reference)
            && byReference.TryGetValue(reference, out var i) ? i : null;

        int? ByRecipient(string? to)
        {
            if (to is null)
            {
                return null;
            }

            var digits = SolapiRequestBuilder.Digits(to);
            for (var i = 0; i < sent.Count; i++)
            {
                if (results[i] is null && SolapiRequestBuilder.Digits(sent[i].To) == digits)
                {
                    return i;
                }
            }

            return null;
        }
    }

    // Solapi's status code passes through as our failure code (FailureCodes: providers' codes are kept as they are).
    private static ProviderResult Refused(ProviderMessage message, SolapiMessageResult entry) =>
        new(message.Reference, false, entry.MessageId, entry.StatusCode ?? "UNKNOWN", entry.StatusMessage?.Trim());
}
