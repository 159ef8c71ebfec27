namespace TurbineConsole.Rcf.Stores;

/// <summary>
/// The copies held by the leaves of one tree that hold more than one (duplicates share a leaf), keyed by the leaf's
/// point-store index; a leaf that is not in the map holds one copy. Most leaves hold one, so a small open-addressing
/// table (linear probing, kept at most three quarters full) costs far less than a count per leaf. It grows as needed
/// and never shrinks, so a tree stops allocating once it has held its largest number of duplicated points.
/// </summary>
internal sealed class LeafMassMap
{
    /// <summary>Marks an empty slot of <see cref="_keys"/> (point indexes are never negative).</summary>
    private const int Empty = -1;

    /// <summary>Point index of each slot, or <see cref="Empty"/>.</summary>
    private int[] _keys = [];

    /// <summary>Copies held by the leaf of each used slot (always 2 or more).</summary>
    private ushort[] _masses = [];

    /// <summary>Used slots.</summary>
    private int _count;

    /// <summary>Leaves holding more than one copy.</summary>
    public int Count => _count;

    /// <summary>Heap bytes of the arrays.</summary>
    public long ArrayBytes => ManagedSize.Of(_keys) + ManagedSize.Of(_masses);

    /// <summary>Copies held by the leaf of point <paramref name="point"/>.</summary>
    public int Get(int point)
    {
        if (_count == 0)
        {
            return 1;
        }

        var slot = Find(point);
        return slot < 0 ? 1 : _masses[slot];
    }

    /// <summary>Adds a copy to the leaf of point <paramref name="point"/>.</summary>
    public void Increment(int point)
    {
        var slot = _count == 0 ? -1 : Find(point);
        if (slot >= 0)
        {
            _masses[slot]++;
            return;
        }

        Insert(point, 2);
    }

    /// <summary>Removes a copy from the leaf of point <paramref name="point"/>; returns the copies left.</summary>
    public int Decrement(int point)
    {
        var slot = _count == 0 ? -1 : Find(point);
        if (slot < 0)
        {
            return 0;
        }

        var left = --_masses[slot];
        if (left == 1)
        {
            Remove(slot);
        }

        return left;
    }

    /// <summary>Sets the copies of a leaf while a tree is read back (<paramref name="mass"/> of 1 stores nothing).</summary>
    public void Load(int point, ushort mass)
    {
        if (mass > 1)
        {
            Insert(point, mass);
        }
    }

    private int Find(int point)
    {
        var mask = _keys.Length - 1;
        for (var slot = Home(point, mask); ; slot = (slot + 1) & mask)
        {
            var key = _keys[slot];
            if (key == point)
            {
                return slot;
            }

            if (key == Empty)
            {
                return -1;
            }
        }
    }

    private void Insert(int point, ushort mass)
    {
        if ((_count + 1) * 4 > _keys.Length * 3)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        var slot = Home(point, mask);
        while (_keys[slot] != Empty)
        {
            slot = (slot + 1) & mask;
        }

        _keys[slot] = point;
        _masses[slot] = mass;
        _count++;
    }

    /// <summary>Empties <paramref name="slot"/> and moves later entries of its probe run back (no tombstones).</summary>
    private void Remove(int slot)
    {
        var mask = _keys.Length - 1;
        var hole = slot;
        for (var next = (hole + 1) & mask; _keys[next] != Empty; next = (next + 1) & mask)
        {
            var home = Home(_keys[next], mask);
            // The entry at next may fill the hole unless its home lies cyclically in (hole, next].
            var stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (!stays)
            {
                _keys[hole] = _keys[next];
                _masses[hole] = _masses[next];
                hole = next;
            }
        }

        _keys[hole] = Empty;
        _count--;
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldMasses = _masses;
        var size = Math.Max(8, oldKeys.Length * 2);
        _keys = new int[size];
        _keys.AsSpan().Fill(Empty);
        _masses = new ushort[size];
        _count = 0;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] != Empty)
            {
                Insert(oldKeys[i], oldMasses[i]);
            }
        }
    }

    /// <summary>The first slot to probe for <paramref name="point"/> (Fibonacci hashing) in a table of mask + 1 slots.</summary>
    private static int Home(int point, int mask) => (int)(((uint)point * 2654435769u) >> 16) & mask;
}
