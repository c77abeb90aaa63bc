namespace CotForge.Storage.Index;

/// <summary>
/// Item ids as 128-bit numbers: a cot-forge id is the lowercase hex MD5 of the item, 32 digits. Numeric order equals
/// the ids' text (ordinal) order. Ids of any other form are not converted and stay text.
/// </summary>
internal static class HexId
{
    public const int Length = 32;

    public static bool TryParse(ReadOnlySpan<char> id, out UInt128 key)
    {
        key = default;
        if (id.Length != Length)
        {
            return false;
        }

        UInt128 value = 0;
        foreach (char c in id)
        {
            int digit = Digit(c);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        key = value;
        return true;
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out UInt128 key)
    {
        key = default;
        if (utf8.Length != Length)
        {
            return false;
        }

        // Two 64-bit halves (shifting a UInt128 per digit costs twice as much) and a table instead of range checks:
        // building the in-memory id copy parses a million of these.
        ReadOnlySpan<sbyte> digits = Digits;
        ulong high = 0, low = 0;
        int invalid = 0;
        for (int i = 0; i < 16; i++)
        {
            int h = digits[utf8[i]], l = digits[utf8[i + 16]];
            invalid |= h | l;
            high = (high << 4) | (uint)(h & 0xF);
            low = (low << 4) | (uint)(l & 0xF);
        }

        if (invalid < 0)
        {
            return false;
        }

        key = new UInt128(high, low);
        return true;
    }

    /// <summary>Writes the 32 lowercase hex digits of <paramref name="key"/> as UTF-8.</summary>
    public static void Format(UInt128 key, Span<byte> utf8)
    {
        ulong high = (ulong)(key >> 64), low = (ulong)key;
        for (int i = 15; i >= 0; i--)
        {
            utf8[i] = (byte)"0123456789abcdef"[(int)(high & 0xF)];
            utf8[i + 16] = (byte)"0123456789abcdef"[(int)(low & 0xF)];
            high >>= 4;
            low >>= 4;
        }
    }

    public static string ToString(UInt128 key)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        Format(key, utf8);
        return System.Text.Encoding.ASCII.GetString(utf8);
    }

    /// <summary>The value of each byte as a lowercase hex digit, or -1.</summary>
    private static ReadOnlySpan<sbyte> Digits =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
