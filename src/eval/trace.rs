//! Why an instance has its status: the data `guize explain` renders.
