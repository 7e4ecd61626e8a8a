using System.Text;

namespace Crm.Core.Common;

/// <summary>
/// Byte lengths as Korean carriers count them (D8): EUC-KR, Hangul 2 bytes, ASCII 1.
/// Characters EUC-KR cannot carry (emoji, most non-Korean scripts) are refused, not replaced.
/// </summary>
public static class EucKr
{
    private static readonly Encoding Encoding = CreateEncoding();

    /// <summary>Returns the byte count, or the index of the first character EUC-KR cannot carry.</summary>
    public static bool TryGetByteCount(string text, out int byteCount, out int invalidIndex)
    {
        try
        {
            byteCount = Encoding.GetByteCount(text);
            invalidIndex = -1;
            return true;
        }
        catch (EncoderFallbackException ex)
        {
            byteCount = 0;
            invalidIndex = ex.Index;
            return false;
        }
    }

    // Code page 949 (CP949, the Windows superset of EUC-KR) also carries the Hangul syllables
    // outside KS X 1001's 2,350, like 똠, still 2 bytes each; carriers bill it the same way.
    private static Encoding CreateEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(949, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
