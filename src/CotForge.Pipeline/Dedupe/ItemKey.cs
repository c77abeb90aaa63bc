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

    /// <summary>The key alone: an already-processed row on a resume never needs its hex id.</summary>
    public static UInt128 Compute(string question, string groundTruth)
    {
        Span<byte> hash = stackalloc byte[16];
        Core.Items.ItemId.ComputeHash(question, groundTruth, hash);
        return BinaryPrimitives.ReadUInt128BigEndian(hash);
    }
}
