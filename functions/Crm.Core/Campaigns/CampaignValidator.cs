using System.Text.RegularExpressions;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Core.Campaigns;

/// <summary>Every rule a campaign must pass before it is stored (C1, C3, C5, D8, D9).</summary>
public static partial class CampaignValidator
{
    private static readonly Channel[] AvailableChannels = [Channel.Sms, Channel.Lms, Channel.Mms, Channel.AlimTalk, Channel.FriendTalk];

    /// <param name="refuses">The configured provider's answer to "can you send this channel and format at all?" (null: it can).</param>
    public static ValidatedCampaign Validate(
        Tenant tenant, CampaignSubmission? submission, string campaignId, DateTimeOffset now, int maxRecipients = CampaignRules.MaxRecipientsPerRequest,
        Func<Channel, FriendTalkType?, string?>? refuses = null)
    {
        var errors = new ValidationErrors();
        if (submission is null)
        {
            errors.Add("body", "A JSON body with channel, kind, senderNumber, content and recipients is required.");
            errors.ThrowIfAny();
        }

        var s = submission!;
        var channel = ValidateChannel(s.Channel, errors);
        if (s.Kind is null)
        {
            errors.Add("kind", "Required: \"informational\" or \"advertising\".");
        }

        var sender = ValidateSender(tenant, s.SenderNumber, errors);
        ValidateChannelOptions(tenant, s, channel, errors);
        if (channel is Channel.FriendTalk && refuses?.Invoke(channel.Value, s.FriendTalkType ?? FriendTalkType.Text) is { } refusal)
        {
            errors.Add("friendTalkType", refusal);
        }
        channel = ConvertLongSms(tenant, s, channel);
        var content = ValidateContent(s, channel, errors);
        var sendAt = ValidateSendAt(s.SendAt, now, errors);
        var recurrence = ValidateRecurrence(s.Recurrence, sendAt, errors);

        var (recipients, duplicates) = s.GroupId is null
            ? ValidateRecipients(s.Recipients, content, channel, s.FriendTalkType, maxRecipients, errors)
            : ValidateGroupAudience(s, content, channel, errors);
        errors.ThrowIfAny();

        var campaign = new Campaign
        {
            TenantId = tenant.TenantId,
            CampaignId = campaignId,
            Channel = channel!.Value,
            Kind = s.Kind!.Value,
            SenderNumber = sender!,
            Subject = string.IsNullOrWhiteSpace(s.Subject) ? null : s.Subject,
            FriendTalkType = channel == Channel.FriendTalk ? s.FriendTalkType ?? FriendTalkType.Text : null,
            TemplateCode = channel == Channel.AlimTalk ? s.TemplateCode : null,
            ImageId = s.ImageId,
            NightPolicy = s.NightPolicy ?? NightPolicy.Hold,
            Recurrence = recurrence,
            GroupId = s.GroupId,
            Content = content!,
            CreatedAt = now,
            SendAt = sendAt,
            RecipientCount = recipients.Count,
        };
        return new ValidatedCampaign(campaign, recipients, duplicates);
    }

    private static Channel? ValidateChannel(Channel? channel, ValidationErrors errors)
    {
        if (channel is null)
        {
            errors.Add("channel", "Required: one of sms, lms, mms, alimTalk, friendTalk.");
            return null;
        }

        if (!AvailableChannels.Contains(channel.Value))
        {
            errors.Add("channel", $"The {channel.Value} channel is not available yet; use sms, lms, mms, alimTalk or friendTalk.");
            return null;
        }

        return channel;
    }

    private static void ValidateChannelOptions(Tenant tenant, CampaignSubmission s, Channel? channel, ValidationErrors errors)
    {
        if (channel is null)
        {
            return;
        }

        if (ChannelRules.IsKakao(channel.Value) && string.IsNullOrEmpty(tenant.KakaoChannelId))
        {
            errors.Add("channel", "This tenant has no Kakao channel registered; register one before sending AlimTalk or FriendTalk.");
        }

        if (channel == Channel.AlimTalk)
        {
            if (string.IsNullOrWhiteSpace(s.TemplateCode))
            {
                errors.Add("templateCode", "AlimTalk needs the code of a Kakao-approved template.");
            }

            if (s.Kind == CampaignKind.Advertising)
            {
                errors.Add("kind", "AlimTalk carries informational messages only; send advertising by friendTalk, sms or lms.");
            }
        }

        var needsImage = channel == Channel.Mms || (channel == Channel.FriendTalk && s.FriendTalkType is FriendTalkType.Image or FriendTalkType.Wide);
        if (needsImage && string.IsNullOrWhiteSpace(s.ImageId))
        {
            errors.Add("imageId", $"{channel}{(channel == Channel.FriendTalk ? $" {s.FriendTalkType}" : string.Empty)} needs an uploaded image's id.");
        }

        if (s.FriendTalkType is not null && channel != Channel.FriendTalk)
        {
            errors.Add("friendTalkType", "Only friendTalk campaigns have a friendTalkType.");
        }
    }

    // Longer SMS text becomes LMS only where the tenant allows it; otherwise the length error stands.
    private static Channel? ConvertLongSms(Tenant tenant, CampaignSubmission s, Channel? channel)
    {
        if (channel != Channel.Sms || !tenant.AllowLmsConversion || s.Content is null)
        {
            return channel;
        }

        var placeholders = MessageTemplate.Placeholders(s.Content);
        var tooLong = (s.Recipients ?? [])
            .Where(r => r is not null && CheckVariables(placeholders, r.Variables) is null)
            .Any(r => ChannelRules.SmsOrLms(MessageTemplate.Render(s.Content, r!.Variables)) == Channel.Lms);
        return tooLong ? Channel.Lms : channel;
    }

    private static string? ValidateSender(Tenant tenant, string? senderNumber, ValidationErrors errors)
    {
        if (!PhoneNumber.TryNormalizeSender(senderNumber, out var sender))
        {
            errors.Add("senderNumber", "Required: a phone number of 8 to 12 digits, e.g. 02-123-4567 or 1588-1234.");
            return null;
        }

        if (!tenant.SenderNumbers.Contains(sender))
        {
            errors.Add("senderNumber", $"{sender} is not a registered sender number of this tenant; register it first (C5).");
        }

        return sender;
    }

    private static string? ValidateContent(CampaignSubmission s, Channel? channel, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(s.Content))
        {
            errors.Add("content", "Required: the message text.");
            return null;
        }

        if (s.Kind == CampaignKind.Advertising)
        {
            if (!s.Content.TrimStart().StartsWith(CampaignRules.AdvertisingPrefix, StringComparison.Ordinal))
            {
                errors.Add("content", $"Advertising must start with {CampaignRules.AdvertisingPrefix} (C3).");
            }

            if (!OptOutNumberPattern().IsMatch(s.Content))
            {
                errors.Add("content", "Advertising must carry a free opt-out number, e.g. 무료거부 080-123-4567 (C3).");
            }
        }

        if (s.Subject is not null)
        {
            if (channel is not (Channel.Lms or Channel.Mms))
            {
                errors.Add("subject", $"Only LMS and MMS have a subject; leave it out for {channel}.");
            }
            else if (!EucKr.TryGetByteCount(s.Subject, out var subjectBytes, out var bad))
            {
                errors.Add("subject", $"Character {bad + 1} ('{s.Subject[bad]}') cannot be sent by SMS/LMS; remove it.");
            }
            else if (subjectBytes > CampaignRules.SubjectMaxBytes)
            {
                errors.Add("subject", $"The subject is {subjectBytes} bytes; at most {CampaignRules.SubjectMaxBytes} are allowed (Hangul counts 2).");
            }
        }

        return s.Content;
    }

    private static Recurrence? ValidateRecurrence(RecurrenceSubmission? r, DateTimeOffset firstRun, ValidationErrors errors)
    {
        if (r is null)
        {
            return null;
        }

        var valid = true;
        void Fail(string field, string message)
        {
            errors.Add(field, message);
            valid = false;
        }

        if (r.Every is null)
        {
            Fail("recurrence.every", "Required: day, week or month.");
        }

        if (r.Interval is < 1 or > 365)
        {
            Fail("recurrence.interval", "Every 1 to 365 units; 1 when left out.");
        }

        if (r.Until is null && r.Runs is null)
        {
            Fail("recurrence", "A recurring campaign needs an end: \"until\" (a date) or \"runs\" (a number of sends).");
        }

        if (r.Runs is < 2 or > Recurrence.MaxRuns)
        {
            Fail("recurrence.runs", $"From 2 to {Recurrence.MaxRuns} sends.");
        }

        if (r.Until is { } until && (until <= firstRun || until - firstRun > CampaignRules.MaxScheduleAhead))
        {
            Fail("recurrence.until", "After the first send and at most a year ahead.");
        }

        return valid ? new Recurrence(r.Every!.Value, r.Interval ?? 1, r.Until, r.Runs) : null;
    }

    private static DateTimeOffset ValidateSendAt(DateTimeOffset? sendAt, DateTimeOffset now, ValidationErrors errors)
    {
        if (sendAt is null || sendAt <= now)
        {
            return now;
        }

        if (sendAt - now > CampaignRules.MaxScheduleAhead)
        {
            errors.Add("sendAt", "A campaign can be scheduled at most a year ahead.");
        }

        return sendAt.Value;
    }

    private static (IReadOnlyList<Recipient> Recipients, int Duplicates) ValidateRecipients(
        IReadOnlyList<RecipientSubmission?>? submitted, string? content, Channel? channel, FriendTalkType? type, int maxRecipients, ValidationErrors errors)
    {
        if (submitted is null || submitted.Count == 0)
        {
            errors.Add("recipients", "At least one recipient is required.");
            return ([], 0);
        }

        if (submitted.Count > maxRecipients)
        {
            errors.Add("recipients", $"At most {maxRecipients:N0} recipients per request; {submitted.Count:N0} were sent.");
            return ([], 0);
        }

        var placeholders = content is null ? [] : MessageTemplate.Placeholders(content);

        // The same text for everyone is checked once, against "content"; personalised text per recipient.
        var checkEach = content is not null && channel is not null && placeholders.Count > 0;
        if (content is not null && channel is not null && !checkEach && ChannelRules.Check(content, channel.Value, type) is { } contentError)
        {
            errors.Add("content", contentError);
        }

        var seen = new HashSet<string>(submitted.Count, StringComparer.Ordinal);
        var recipients = new List<Recipient>(submitted.Count);
        var duplicates = 0;
        var invalid = 0;
        for (var i = 0; i < submitted.Count; i++)
        {
            var r = submitted[i];
            var error = PhoneNumber.TryNormalizeMobile(r?.Phone, out var phone)
                ? CheckVariables(placeholders, r!.Variables) ?? (checkEach ? ChannelRules.Check(MessageTemplate.Render(content!, r.Variables), channel!.Value, type) : null)
                : $"'{r?.Phone}' is not a Korean mobile number (e.g. 010-1234-5678).";
            if (error is not null)
            {
                if (invalid++ < CampaignRules.MaxReportedRecipientErrors)
                {
                    errors.Add(phone is null ? $"recipients[{i}].phone" : $"recipients[{i}]", error);
                }

                continue;
            }

            // D9: a number listed twice is sent once.
            if (seen.Add(phone!))
            {
                recipients.Add(new Recipient(phone!, r!.Variables is { Count: > 0 } ? r.Variables : null, r.NightConsent));
            }
            else
            {
                duplicates++;
            }
        }

        if (invalid > CampaignRules.MaxReportedRecipientErrors)
        {
            errors.Add("recipients", $"{invalid - CampaignRules.MaxReportedRecipientErrors} more recipients have errors; fix the ones listed and resubmit.");
        }

        return (recipients, duplicates);
    }

    // A group's members are known only at send time: the content may use the customer fields, and
    // its length is checked with them empty (a longer personalised text fails TOO_LONG, uncharged).
    private static (IReadOnlyList<Recipient> Recipients, int Duplicates) ValidateGroupAudience(CampaignSubmission s, string? content, Channel? channel, ValidationErrors errors)
    {
        if (s.Recipients is { Count: > 0 })
        {
            errors.Add("groupId", "Send to a group or to a list of recipients, not both.");
        }

        KeyIds.CheckName(errors, "groupId", s.GroupId, "Group ids");

        if (content is not null)
        {
            var unknown = MessageTemplate.Placeholders(content).Except(Audiences.CampaignAudience.GroupVariables).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("content", $"A group campaign can use #{{{string.Join("}, #{", Audiences.CampaignAudience.GroupVariables)}}}; not {string.Join(", ", unknown.Select(u => $"#{{{u}}}"))}.");
            }
            else if (channel is not null && ChannelRules.Check(MessageTemplate.Render(content, Audiences.CampaignAudience.GroupVariables.ToDictionary(v => v, _ => string.Empty)), channel.Value, s.FriendTalkType) is { } lengthError)
            {
                errors.Add("content", lengthError);
            }
        }

        return ([], 0);
    }

    private static string? CheckVariables(IReadOnlyList<string> placeholders, IReadOnlyDictionary<string, string>? variables)
    {
        var missing = placeholders.Where(p => variables is null || !variables.ContainsKey(p)).ToList();
        return missing.Count == 0 ? null : $"Missing values for {string.Join(", ", missing.Select(m => $"#{{{m}}}"))}.";
    }

    // 080 free opt-out lines: 080-123-4567, 080-1234-5678, with or without dashes or spaces.
    [GeneratedRegex(@"080[-\s]?\d{3,4}[-\s]?\d{4}")]
    private static partial Regex OptOutNumberPattern();
}
