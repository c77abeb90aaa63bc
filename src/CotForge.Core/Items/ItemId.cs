using System.Security.Cryptography;
using System.Text;

namespace CotForge.Core.Items;

/// <summary>
/// The identity of a (question, ground truth) pair: lowercase hex MD5 of the UTF-8 text
/// <c>question + ":" + ground_truth</c>, exactly as cot-forge computes it, so that a directory can move
/// between the two implementations.
/// </summary>
public static class ItemId
{
    /// <summary>Computes the id of a pair.</summary>
    public static string Compute(string question, string groundTruth)
    {
        Span<byte> hash = stackalloc byte[16];
        ComputeHash(question, groundTruth, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Writes the 16 MD5 bytes behind the id into <paramref name="destination"/>, for callers that keep ids as
    /// 16-byte values rather than 32-character strings.
    /// </summary>
    public static void ComputeHash(string question, string groundTruth, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(groundTruth);
        int max = Encoding.UTF8.GetMaxByteCount(question.Length + groundTruth.Length + 1);
        byte[]? rented = null;
        Span<byte> buffer = max <= 1024 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int n = Encoding.UTF8.GetBytes(question, buffer);
            buffer[n++] = (byte)':';
            n += Encoding.UTF8.GetBytes(groundTruth, buffer[n..]);
            MD5.HashData(buffer[..n], destination);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
