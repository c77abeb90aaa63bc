using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CotForge.Core.Reasoning;

/// <summary>
/// Writes and reads a search tree in the shape of SPEC §4, the same shape cot-forge serializes:
/// <c>{adjacency_list: [[parent_id|null, child_id], …], node_map: {id: node}, question, ground_truth_answer,
/// success, metadata}</c>, where a node carries exactly <c>id, strategy, prompt, response, cot, is_final,
/// success, metadata, pruned</c>.
/// </summary>
/// <remarks>
/// cot-forge rebuilds a node by passing these keys to its constructor, so any extra fact belongs in
/// <c>metadata</c>; reading is strict about node keys for the same reason (an unknown key would be lost on the
/// way back). Terminal nodes are not stored: on reading they are the nodes flagged <c>is_final</c>, which is
/// exactly the set our searches produce (the end of every chain, never a pruned candidate).
/// </remarks>
public static partial class SearchTreeSerializer
{
    /// <summary>The node keys, in the order they are written.</summary>
    public static IReadOnlyList<string> NodeKeys { get; } =
        ["id", "strategy", "prompt", "response", "cot", "is_final", "success", "metadata", "pruned"];

    // Relaxed escaping keeps prompts readable on disk ("<question>" rather than "\u003Cquestion\u003E"); the
    // output is a data file, never HTML, so the HTML-safety the default encoder buys is not needed.
    private static readonly JsonWriterOptions BytesWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int MaxKeptBuffer = 1024 * 1024;

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, SearchResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteStartArray("adjacency_list");
        foreach (var node in result.AllNodes)
        {
            writer.WriteStartArray();
            if (node.Parent is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(node.Parent.Id);
            }

            writer.WriteStringValue(node.Id);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("node_map");
        foreach (var node in result.AllNodes)
        {
            writer.WritePropertyName(node.Id);
            WriteNode(writer, node);
        }

        writer.WriteEndObject();
        writer.WriteString("question", result.Question);
        writer.WriteString("ground_truth_answer", result.GroundTruthAnswer);
        writer.WriteBoolean("success", result.Success);
        writer.WritePropertyName("metadata");
        result.Metadata.WriteTo(writer);
        writer.WriteEndObject();
    }

    /// <summary>Serializes <paramref name="result"/> to compact UTF-8 JSON (one JSONL line, without the newline).</summary>
    public static byte[] SerializeToUtf8Bytes(SearchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        byte[] bytes = WriteToThreadBuffer(result).ToArray();
        ReleaseOversizedThreadBuffer();
        return bytes;
    }

    /// <summary>
    /// Serializes <paramref name="result"/> as <see cref="SerializeToUtf8Bytes"/> does, into an array rented from
    /// <paramref name="pool"/>: the JSON is the returned segment, and the caller returns <c>segment.Array</c> to the
    /// pool once the bytes are consumed. For a caller that copies the tree straight into another buffer (the pipeline
    /// hands it to the writer, which copies it into its line), so that no tree-sized array is left for the collector.
    /// </summary>
    public static ArraySegment<byte> SerializeToRentedArray(SearchResult result, System.Buffers.ArrayPool<byte> pool)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(pool);
        ReadOnlySpan<byte> json = WriteToThreadBuffer(result);
        byte[] rented = pool.Rent(json.Length);
        json.CopyTo(rented);
        ReleaseOversizedThreadBuffer();
        return new ArraySegment<byte>(rented, 0, json.Length);
    }

    private static ReadOnlySpan<byte> WriteToThreadBuffer(SearchResult result)
    {
        // A per-thread buffer (serializing is synchronous) sized from the texts: growing a fresh small buffer per
        // item copied the whole tree several times; the caller copies the written bytes out exactly once.
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        int estimate = EstimateSize(result);
        if (buffer.Capacity < estimate && estimate <= MaxKeptBuffer)
        {
            buffer = t_buffer = new System.Buffers.ArrayBufferWriter<byte>(estimate);
        }

        var writer = t_writer ??= new Utf8JsonWriter(buffer, BytesWriterOptions);
        writer.Reset(buffer);
        Write(writer, result);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    private static void ReleaseOversizedThreadBuffer()
    {
        if (t_buffer is { Capacity: > MaxKeptBuffer })
        {
            // One huge tree must not pin its buffer to the thread for the rest of the run.
            t_buffer = null;
            t_writer = null;
        }
    }

    private static int EstimateSize(SearchResult result)
    {
        long chars = 1024 + result.Question.Length + result.GroundTruthAnswer.Length;
        foreach (var node in result.AllNodes)
        {
            chars += 512 + node.Prompt.Length + (2L * node.Response.Length);
        }

        // Escapes (newlines, quotes) make the JSON somewhat longer than the texts; non-ASCII text merely regrows.
        return (int)Math.Min(chars + (chars / 8), Array.MaxLength);
    }

    private static void WriteNode(Utf8JsonWriter writer, ReasoningNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        if (node.Strategy is null)
        {
            writer.WriteNull("strategy");
        }
        else
        {
            writer.WriteString("strategy", node.Strategy);
        }

        writer.WriteString("prompt", node.Prompt);
        writer.WriteString("response", node.Response);
        if (node.Cot is null)
        {
            writer.WriteNull("cot");
        }
        else
        {
            writer.WritePropertyName("cot");
            CotJson.WriteSteps(writer, node.Cot);
        }

        writer.WriteBoolean("is_final", node.IsFinal);
        writer.WriteBoolean("success", node.Success);
        writer.WritePropertyName("metadata");
        node.Metadata.WriteTo(writer);
        writer.WriteBoolean("pruned", node.Pruned);
        writer.WriteEndObject();
    }
}
