

def nhwc_to_nchw(images):
    return images.transpose(0, 3, 1, 2).copy()


def center_channels(images):
    # mean over batch, height, width for each channel, one channel at a time
    out = images.astype(float).copy()
    for c in range(images.shape[1]):
        out[:, c] = images[:, c] - images[:, c].mean()
    return out


def batch_outer(a, b):
    return a[..., None] @ b[:, None, :]
