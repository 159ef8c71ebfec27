using System.Diagnostics;

namespace TurbineConsole.Rcf;

/// <summary>
/// One flat float array of shingled points shared by all trees of a forest, with a reference count per slot
/// (one per sampler entry that holds the point). Free slots are chained through their negative counts.
/// </summary>
internal sealed class PointStore
{
    /// <summary>Floats per point (the shingled dimensions).</summary>
    private readonly int _stride;

    /// <summary>Largest number of slots ever needed: every sampler entry holding a different point, plus one pending.</summary>
    private readonly int _maxCapacity;

    /// <summary>Point coordinates, slot i at [i x stride, (i + 1) x stride).</summary>
    private float[] _values;

    /// <summary>Reference count of a used slot (>= 0), or <see cref="FreeLink"/>(next) for a free slot (always &lt; 0).</summary>
    private int[] _refCounts;

    /// <summary>First free slot, or -1 when the store must grow.</summary>
    private int _freeHead;

    /// <summary>Creates a store for points of <paramref name="stride"/> floats.</summary>
    public PointStore(int stride, int initialCapacity, int maxCapacity)
    {
        _stride = stride;
        _maxCapacity = maxCapacity;
        int capacity = Math.Min(Math.Max(initialCapacity, 1), maxCapacity);
        _values = new float[capacity * stride];
        _refCounts = new int[capacity];
        _freeHead = -1;
        ChainFree(0, capacity);
    }

    /// <summary>Floats per point.</summary>
    public int Stride => _stride;

    /// <summary>Slots currently allocated (used or free).</summary>
    public int Capacity => _refCounts.Length;

    /// <summary>Coordinates of the point in <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Get(int index) => new(_values, index * _stride, _stride);

    /// <summary>The raw coordinate array, for hot loops that index it directly.</summary>
    public float[] Values => _values;

    /// <summary>References held on the point in <paramref name="index"/>.</summary>
    public int RefCount(int index) => _refCounts[index];

    /// <summary>Whether <paramref name="index"/> holds a point.</summary>
    public bool IsUsed(int index) => (uint)index < (uint)_refCounts.Length && _refCounts[index] >= 0;

    /// <summary>Stores a copy of <paramref name="point"/> with reference count 0 and returns its slot.</summary>
    public int Add(ReadOnlySpan<float> point)
    {
        Debug.Assert(point.Length == _stride);
        if (_freeHead < 0)
        {
            Grow();
        }

        int index = _freeHead;
        _freeHead = NextFree(_refCounts[index]);
        _refCounts[index] = 0;
        point.CopyTo(_values.AsSpan(index * _stride, _stride));
        return index;
    }

    /// <summary>Adds a reference to the point in <paramref name="index"/>.</summary>
    public void IncRef(int index)
    {
        Debug.Assert(_refCounts[index] >= 0);
        _refCounts[index]++;
    }

    /// <summary>Drops a reference; the slot is freed when none remain.</summary>
    public void DecRef(int index)
    {
        Debug.Assert(_refCounts[index] > 0);
        if (--_refCounts[index] == 0)
        {
            Free(index);
        }
    }

    /// <summary>Frees a slot that holds no references (a point that no tree accepted).</summary>
    public void ReleaseIfUnused(int index)
    {
        if (_refCounts[index] == 0)
        {
            Free(index);
        }
    }


    /// <summary>Writes the capacity, then every slot's count (negative when free) and coordinates, as two blocks.</summary>
    public void Write(ref StateWriter writer)
    {
        writer.WriteInt32(Capacity);
        writer.WriteSpan<int>(_refCounts);
        writer.WriteSpan<float>(_values);
    }

    /// <summary>Reads a store written by <see cref="Write"/> and rebuilds its free chain.</summary>
    public static PointStore Read(ref StateReader reader, int stride, int maxCapacity)
    {
        int capacity = reader.ReadInt32();
        if (capacity < 1 || capacity > maxCapacity)
        {
            throw new InvalidDataException($"Point store capacity {capacity} is out of range.");
        }

        var store = new PointStore(stride, capacity, maxCapacity);
        reader.ReadSpan<int>(store._refCounts);
        reader.ReadSpan<float>(store._values);
        store._freeHead = -1;
        for (int i = capacity - 1; i >= 0; i--)
        {
            if (store._refCounts[i] == 0)
            {
                throw new InvalidDataException("Point store holds a point that nothing refers to.");
            }

            if (store._refCounts[i] < 0)
            {
                store._refCounts[i] = FreeLink(store._freeHead);
                store._freeHead = i;
            }
            else if (!AllFinite(store.Get(i)))
            {
                throw new InvalidDataException("Point store holds a value that is not a finite number.");
            }
        }

        return store;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Managed bytes held by the arrays.</summary>
    public long ArrayBytes => (long)_values.Length * sizeof(float) + (long)_refCounts.Length * sizeof(int);

    /// <summary>Encodes the next free slot (-1 ends the chain) as a negative count.</summary>
    private static int FreeLink(int next) => -next - 2;

    /// <summary>Decodes <see cref="FreeLink"/>.</summary>
    private static int NextFree(int link) => -link - 2;

    private void Free(int index)
    {
        _refCounts[index] = FreeLink(_freeHead);
        _freeHead = index;
    }

    private void Grow()
    {
        int old = _refCounts.Length;
        if (old >= _maxCapacity)
        {
            throw new InvalidOperationException("Point store is full; reference counts are inconsistent.");
        }

        int capacity = (int)Math.Min(_maxCapacity, Math.Max(old + 16, old * 3L / 2));
        Array.Resize(ref _values, capacity * _stride);
        Array.Resize(ref _refCounts, capacity);
        ChainFree(old, capacity);
    }

    private void ChainFree(int from, int to)
    {
        for (int i = to - 1; i >= from; i--)
        {
            _refCounts[i] = FreeLink(_freeHead);
            _freeHead = i;
        }
    }
}
