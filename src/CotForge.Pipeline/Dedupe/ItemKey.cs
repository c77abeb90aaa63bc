using System.Buffers.Binary;

namespace CotForge.Pipeline.Dedupe;

/// <summary>
/// The item id (<see cref="Core.Items.ItemId"/>: lowercase hex MD5 of <c>question:ground_truth</c>) and the same 16
/// bytes as a <see cref="UInt128"/>, computed with one hash, so the in-run duplicate set holds 16-byte values
/// instead of 32-character strings.
/// </summary>
internal static class ItemKey
{
    public static UInt128 Compute(string question, string groundTruth, out string id)
    {
        UInt128 key = Compute(question, groundTruth);
        id = ToId(key);
        return key;
    }

    /// <summary>The lowercase hex id of a key.</summary>
    public static string ToId(UInt128 key)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, key);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// The key of a hex id (the inverse of <see cref="ToId"/>; upper-case digits are accepted too); false for anything
    /// that is not 32 hex digits.
    /// </summary>
    public static bool TryParse(string id, out UInt128 key)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (Convert.FromHexString(id, bytes, out _, out int written) == System.Buffers.OperationStatus.Done && written == 16)
        {
            key = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>The key alone: an already-processed row on a resume never needs its hex id.</summary>
    public static UInt128 Compute(string question, string groundTruth)
    {
        Span<byte> hash = stackalloc byte[16];
        Core.Items.ItemId.ComputeHash(question, groundTruth, hash);
        return BinaryPrimitives.ReadUInt128BigEndian(hash);
    }
}
