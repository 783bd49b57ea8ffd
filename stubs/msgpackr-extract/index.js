throw new Error('msgpackr-extract stand-in: no native extension');
