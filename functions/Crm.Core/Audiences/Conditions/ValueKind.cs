namespace Crm.Core.Audiences.Conditions;

public enum ValueKind
{
    Text,
    Number,
    Flag,
    Date,
}
