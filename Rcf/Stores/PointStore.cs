using System.Diagnostics;

namespace TurbineConsole.Rcf.Stores;

/// <summary>
/// One flat float array of shingled points shared by all trees of a forest, with a reference count per slot
/// (one per sampler entry that holds the point). Free slots are chained through their negative counts. The counts
/// and links take 16 bits when the store's largest size allows (a count never exceeds the samples' total size),
/// else 32.
/// </summary>
internal sealed class PointStore
{
    /// <summary>Floats per point (the shingled dimensions).</summary>
    private readonly int _stride;

    /// <summary>Largest number of slots ever needed: every sampler entry holding a different point, plus one pending.</summary>
    private readonly int _maxCapacity;

    /// <summary>Point coordinates, slot i at [i x stride, (i + 1) x stride).</summary>
    private float[] _values;

    /// <summary>
    /// Reference count of a used slot (>= 0), or <see cref="FreeLink"/>(next) for a free slot (always &lt; 0), when
    /// they need 32 bits (else empty).
    /// </summary>
    private int[] _refCounts;

    /// <summary>The same in 16 bits, when they fit (else empty).</summary>
    private short[] _narrowRefCounts;

    /// <summary>First free slot, or -1 when the store must grow.</summary>
    private int _freeHead;

    /// <summary>Creates a store for points of <paramref name="stride"/> floats.</summary>
    public PointStore(int stride, int initialCapacity, int maxCapacity)
    {
        _stride = stride;
        _maxCapacity = maxCapacity;
        var capacity = Math.Min(Math.Max(initialCapacity, 1), maxCapacity);
        _values = new float[capacity * stride];
        _refCounts = IsNarrow(maxCapacity) ? [] : new int[capacity];
        _narrowRefCounts = IsNarrow(maxCapacity) ? new short[capacity] : [];
        _freeHead = -1;
        ChainFree(0, capacity);
    }

    /// <summary>
    /// Creates a store over <paramref name="values"/> and <paramref name="slotStates"/> (as <see cref="Values"/> and
    /// <see cref="SlotState"/> gave them; a restore): slots with a negative state are chained as free, in index
    /// order. The values are kept.
    /// </summary>
    public PointStore(int stride, int maxCapacity, float[] values, ReadOnlySpan<int> slotStates)
    {
        Debug.Assert(values.Length == slotStates.Length * stride && slotStates.Length <= maxCapacity);
        _stride = stride;
        _maxCapacity = maxCapacity;
        _values = values;
        _refCounts = IsNarrow(maxCapacity) ? [] : new int[slotStates.Length];
        _narrowRefCounts = IsNarrow(maxCapacity) ? new short[slotStates.Length] : [];
        _freeHead = -1;
        for (var i = slotStates.Length - 1; i >= 0; i--)
        {
            if (slotStates[i] < 0)
            {
                Free(i);
            }
            else
            {
                SetState(i, slotStates[i]);
            }
        }
    }

    /// <summary>Floats per point.</summary>
    public int Stride => _stride;

    /// <summary>Most slots the store may ever allocate.</summary>
    public int MaxCapacity => _maxCapacity;

    /// <summary>Slots currently allocated (used or free).</summary>
    public int Capacity => _values.Length / _stride;

    /// <summary>Coordinates of the point in <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Get(int index) => new(_values, index * _stride, _stride);

    /// <summary>Coordinates of every slot, used or free, slot i at [i x stride, (i + 1) x stride).</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>
    /// The state of slot <paramref name="index"/>: the reference count of a used slot (>= 0), a negative link in the
    /// free chain for a free slot (the links are this store's own bookkeeping; only their sign means anything
    /// outside it).
    /// </summary>
    public int SlotState(int index) => _narrowRefCounts.Length != 0 ? _narrowRefCounts[index] : _refCounts[index];

    /// <summary>References held on the point in <paramref name="index"/>.</summary>
    public int RefCount(int index) => SlotState(index);

    /// <summary>Whether <paramref name="index"/> holds a point.</summary>
    public bool IsUsed(int index) => (uint)index < (uint)Capacity && SlotState(index) >= 0;

    /// <summary>Stores a copy of <paramref name="point"/> with reference count 0 and returns its slot.</summary>
    public int Add(ReadOnlySpan<float> point)
    {
        Debug.Assert(point.Length == _stride);
        if (_freeHead < 0)
        {
            Grow();
        }

        var index = _freeHead;
        _freeHead = NextFree(SlotState(index));
        SetState(index, 0);
        point.CopyTo(_values.AsSpan(index * _stride, _stride));
        return index;
    }

    /// <summary>Adds a reference to the point in <paramref name="index"/>.</summary>
    public void IncRef(int index)
    {
        Debug.Assert(SlotState(index) >= 0);
        SetState(index, SlotState(index) + 1);
    }

    /// <summary>Drops a reference; the slot is freed when none remain.</summary>
    public void DecRef(int index)
    {
        var count = SlotState(index) - 1;
        Debug.Assert(count >= 0);
        if (count == 0)
        {
            Free(index);
        }
        else
        {
            SetState(index, count);
        }
    }

    /// <summary>Frees a slot that holds no references (a point that no tree accepted).</summary>
    public void ReleaseIfUnused(int index)
    {
        if (SlotState(index) == 0)
        {
            Free(index);
        }
    }

    /// <summary>Heap bytes of the arrays.</summary>
    public long ArrayBytes => ManagedSize.Of(_values) + ManagedSize.Of(_refCounts) + ManagedSize.Of(_narrowRefCounts);

    /// <summary>
    /// Whether every state of a store of at most <paramref name="maxCapacity"/> slots fits in 16 bits: a count is at
    /// most maxCapacity - 1 (one per sample entry), a link at least -(maxCapacity - 1) - 2.
    /// </summary>
    private static bool IsNarrow(int maxCapacity) => maxCapacity + 1 <= -short.MinValue;

    /// <summary>Encodes the next free slot (-1 ends the chain) as a negative count.</summary>
    private static int FreeLink(int next) => -next - 2;

    /// <summary>Decodes <see cref="FreeLink"/>.</summary>
    private static int NextFree(int link) => -link - 2;

    private void Free(int index)
    {
        SetState(index, FreeLink(_freeHead));
        _freeHead = index;
    }

    private void SetState(int index, int state)
    {
        if (_narrowRefCounts.Length != 0)
        {
            _narrowRefCounts[index] = (short)state;
        }
        else
        {
            _refCounts[index] = state;
        }
    }

    private void Grow()
    {
        var old = Capacity;
        if (old >= _maxCapacity)
        {
            throw new InvalidOperationException("Point store is full; reference counts are inconsistent.");
        }

        var capacity = (int)Math.Min(_maxCapacity, Math.Max(old + 16, old * 3L / 2));
        Array.Resize(ref _values, capacity * _stride);
        if (_narrowRefCounts.Length != 0)
        {
            Array.Resize(ref _narrowRefCounts, capacity);
        }
        else
        {
            Array.Resize(ref _refCounts, capacity);
        }

        ChainFree(old, capacity);
    }

    private void ChainFree(int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            SetState(i, FreeLink(_freeHead));
            _freeHead = i;
        }
    }
}
