namespace TurbineConsole.Rcf;

/// <summary>The last ShingleSize input points, oldest first; turns one input point into a shingled point.</summary>
internal sealed class ShingleBuffer
{
    /// <summary>Values per input point.</summary>
    private readonly int _dims;

    /// <summary>The shingle, oldest point first; zeros until filled.</summary>
    private readonly double[] _values;

    /// <summary>Input points received, capped at the shingle size.</summary>
    private int _count;

    /// <summary>Creates an empty shingle.</summary>
    public ShingleBuffer(int dims, int shingleSize)
    {
        _dims = dims;
        _values = new double[dims * shingleSize];
    }

    /// <summary>Whether a full shingle of real points has been received.</summary>
    public bool IsFull => _count * _dims >= _values.Length;

    /// <summary>Appends an input point, dropping the oldest.</summary>
    public void Push(ReadOnlySpan<double> point)
    {
        Array.Copy(_values, _dims, _values, 0, _values.Length - _dims);
        point.CopyTo(_values.AsSpan(_values.Length - _dims));
        if (!IsFull)
        {
            _count++;
        }
    }

    /// <summary>Writes the current shingle into <paramref name="target"/>.</summary>
    public void CopyTo(Span<float> target)
    {
        for (int i = 0; i < _values.Length; i++)
        {
            target[i] = (float)_values[i];
        }
    }

    /// <summary>Writes the shingle that <paramref name="point"/> would complete (without pushing it).</summary>
    public void CopyWithNext(ReadOnlySpan<double> point, Span<float> target)
    {
        int kept = _values.Length - _dims;
        for (int i = 0; i < kept; i++)
        {
            target[i] = (float)_values[_dims + i];
        }

        for (int i = 0; i < _dims; i++)
        {
            target[kept + i] = (float)point[i];
        }
    }

    /// <summary>Writes the count and values.</summary>
    public void Write(ref StateWriter writer)
    {
        writer.WriteInt32(_count);
        writer.WriteSpan<double>(_values);
    }

    /// <summary>Reads a shingle written by <see cref="Write"/>.</summary>
    public static ShingleBuffer Read(ref StateReader reader, int dims, int shingleSize)
    {
        var shingle = new ShingleBuffer(dims, shingleSize);
        shingle._count = reader.ReadInt32();
        if (shingle._count < 0 || shingle._count > shingleSize)
        {
            throw new InvalidDataException("Shingle count is out of range.");
        }

        reader.ReadSpan<double>(shingle._values);
        return shingle;
    }
}
