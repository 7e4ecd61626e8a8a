namespace Crm.Core.Audiences.Conditions;

/// <summary>
/// What a condition is evaluated over: a customer (G1) or a cohort's person (B3). Each kind of
/// subject has its own field names, checked when the condition is parsed.
/// </summary>
public interface IConditionSubject
{
    /// <summary>The value of a field the parser accepted; null when the subject has none.</summary>
    ConditionValue? Read(string field);
}
