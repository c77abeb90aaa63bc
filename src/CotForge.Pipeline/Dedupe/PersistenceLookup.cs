using System.Buffers.Binary;
using CotForge.Storage;

namespace CotForge.Pipeline.Dedupe;

/// <summary>
/// The processed-id lookup of a dataset directory. It asks the SQLite index in batches
/// (<see cref="PersistenceManager.FindProcessed"/>); when the first batches show that the input is mostly already
/// processed (a resume) and the directory is not too large, it loads every processed id once into a set of 16-byte
/// keys and answers from memory, which makes re-scanning a finished input several times faster than one query per
/// batch.
/// </summary>
/// <remarks>
/// The preloaded set is a snapshot taken under the writer's lock, so nothing else can add ids meanwhile; ids this run
/// commits later are caught by the in-run duplicate set instead. Memory: about 40 bytes per id (40 MB per million).
/// </remarks>
internal sealed class PersistenceLookup : IProcessedLookup
{
    /// <summary>Ids looked up before deciding whether to preload.</summary>
    internal const int SampleSize = 2048;

    /// <summary>Share of sampled ids already processed above which the input is treated as a resume.</summary>
    internal const double ResumeShare = 0.9;

    private readonly PersistenceManager _manager;
    private readonly long _preloadLimit;
    private HashSet<UInt128>? _preloaded;
    private long _sampled;
    private long _sampledHits;
    private bool _decided;

    /// <param name="manager">The directory's manager.</param>
    /// <param name="preloadLimit">Largest directory (processed ids) to preload; 0 never preloads.</param>
    public PersistenceLookup(PersistenceManager manager, long preloadLimit)
    {
        _manager = manager;
        _preloadLimit = preloadLimit;
        _decided = preloadLimit <= 0;
    }

    public bool Preloaded => _preloaded is not null;

    public bool TryContains(UInt128 key, bool includeUnverified, out bool processed)
    {
        if (_preloaded is { } set && includeUnverified)
        {
            processed = set.Contains(key);
            return true;
        }

        processed = false;
        return false;
    }

    public IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified)
    {
        if (_preloaded is { } set && includeUnverified)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            Span<byte> bytes = stackalloc byte[16];
            foreach (string id in ids)
            {
                if (Convert.FromHexString(id, bytes, out _, out int written) == System.Buffers.OperationStatus.Done && written == 16
                    && set.Contains(BinaryPrimitives.ReadUInt128BigEndian(bytes)))
                {
                    found.Add(id);
                }
            }

            return found;
        }

        IReadOnlySet<string> result = _manager.FindProcessed(ids, includeUnverified);
        if (!_decided && includeUnverified)
        {
            _sampled += ids.Count;
            _sampledHits += result.Count;
            if (_sampled >= SampleSize)
            {
                _decided = true;
                if (_sampledHits >= _sampled * ResumeShare && _manager.GetStatus().CompletedItems <= _preloadLimit)
                {
                    _preloaded = Preload();
                }
            }
        }

        return result;
    }

    private HashSet<UInt128> Preload()
    {
        var set = new HashSet<UInt128>();
        Span<byte> bytes = stackalloc byte[16];
        // The index pages synchronously under the manager's lock; blocking here only blocks the dedupe stage.
        foreach (string id in _manager.LoadProcessedIdsAsync().ToBlockingEnumerable())
        {
            if (Convert.FromHexString(id, bytes, out _, out int written) == System.Buffers.OperationStatus.Done && written == 16)
            {
                set.Add(BinaryPrimitives.ReadUInt128BigEndian(bytes));
            }
        }

        return set;
    }
}
