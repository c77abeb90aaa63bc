using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// A SQLite file of replies keyed by the SHA-256 of (provider, model, messages, the options that change a reply), so a
/// resumed run does not pay again for calls it already made. It stores only the reply text, model id and finish
/// reason against the hash: no prompt, no header, no key. Safe for concurrent use; a failed read or write degrades to
/// a miss (counted in <see cref="Failures"/>) rather than failing the call.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    /// <summary>Set to true in <see cref="ChatResponse.AdditionalProperties"/> of a reply served from the cache.</summary>
    public const string CacheHitProperty = "cotforge.cache_hit";

    private const string CreateSchemaSql = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS responses (
            key TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            model_id TEXT NULL,
            finish_reason TEXT NULL,
            created_at TEXT NOT NULL);
        """;

    private const string SelectSql = "SELECT text AS Text, model_id AS ModelId, finish_reason AS FinishReason FROM responses WHERE key = @Key";
    private const string UpsertSql = "INSERT OR REPLACE INTO responses (key, text, model_id, finish_reason, created_at) VALUES (@Key, @Text, @ModelId, @FinishReason, @CreatedAt)";
    private const string CountSql = "SELECT COUNT(*) FROM responses";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private long _failures;

    /// <summary>Opens (creating when missing) the cache file at <paramref name="path"/>.</summary>
    public ResponseCache(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _timeProvider = timeProvider ?? TimeProvider.System;
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            _connection.Execute(CreateSchemaSql);
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw new LlmConfigurationException($"The response cache '{Path}' cannot be opened: {e.Message} Choose another cache path or delete the file.");
        }
    }

    /// <summary>Full path of the cache file.</summary>
    public string Path { get; }

    /// <summary>Reads or writes that failed and were treated as a miss.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The number of stored replies.</summary>
    public long Count()
    {
        _gate.Wait();
        try
        {
            return _connection.ExecuteScalar<long>(CountSql);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The cache key of a request: lowercase hex SHA-256 over a canonical JSON of the provider, the model, each
    /// message's role and contents, and the options that change a reply (temperature, top-p/k, max tokens, seed,
    /// penalties, stop sequences, response format).
    /// </summary>
    public static string ComputeKey(string provider, string model, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteString("provider", provider);
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteStartArray("contents");
                foreach (var content in message.Contents)
                {
                    switch (content)
                    {
                        case TextContent text:
                            writer.WriteStringValue(text.Text);
                            break;
                        case DataContent data:
                            writer.WriteStringValue(data.MediaType + ";" + Convert.ToBase64String(data.Data.Span));
                            break;
                        default:
                            writer.WriteStringValue(content.GetType().Name + ":" + content.ToString());
                            break;
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("options");
            if (options is not null)
            {
                WriteIfSet(writer, "temperature", options.Temperature);
                WriteIfSet(writer, "top_p", options.TopP);
                WriteIfSet(writer, "top_k", options.TopK);
                WriteIfSet(writer, "max_output_tokens", options.MaxOutputTokens);
                WriteIfSet(writer, "seed", options.Seed);
                WriteIfSet(writer, "frequency_penalty", options.FrequencyPenalty);
                WriteIfSet(writer, "presence_penalty", options.PresencePenalty);
                if (options.StopSequences is { Count: > 0 } stops)
                {
                    writer.WriteStartArray("stop");
                    foreach (string stop in stops)
                    {
                        writer.WriteStringValue(stop);
                    }

                    writer.WriteEndArray();
                }

                if (options.ResponseFormat is { } format)
                {
                    writer.WriteString("response_format", format switch
                    {
                        ChatResponseFormatJson json => "json:" + json.Schema?.GetRawText(),
                        _ => format.GetType().Name,
                    });
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    internal async ValueTask<CachedResponse?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _connection.QuerySingleOrDefaultAsync<CachedResponse>(
                new CommandDefinition(SelectSql, new { Key = key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            Interlocked.Increment(ref _failures);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal async ValueTask SetAsync(string key, CachedResponse response, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.ExecuteAsync(new CommandDefinition(
                UpsertSql,
                new
                {
                    Key = key,
                    response.Text,
                    response.ModelId,
                    response.FinishReason,
                    CreatedAt = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            Interlocked.Increment(ref _failures);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void WriteIfSet<T>(Utf8JsonWriter writer, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, v);
        }
    }
}
