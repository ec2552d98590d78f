//! A serde serializer that turns one row struct into its cells, so that every table goes
//! through the same code whatever its columns. Cells are handed on one by one as
//! borrowed [`CellRef`]s ([`each_cell`]), so a text cell reaches a CSV file without a copy;
//! [`to_cells`] collects owned [`Cell`]s where they must be kept (Parquet row groups, JSON).
//!
//! Supported field types: strings, integers, floats, booleans, `Option`s of those, unit
//! enum variants (written as their serde name), sequences of strings (list columns) and
//! [`crate::read::Date`] (recognised by its newtype name). Anything else is a programming
//! error reported as [`CellError`].
//!
//! The methods a cell passes through are `#[inline]`: a corpus has millions of cells, and
//! without the hint the compiler kept each step a call (3 % of a run's instructions with
//! the sink's own, measured with callgrind on the bundled corpus copied 20 times).

use serde::ser::{self, Impossible, Serialize};

use crate::read::date::DATE_NEWTYPE;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// Days since 1970-01-01.
    Date(i32),
    List(Vec<String>),
}

/// A cell borrowed from the row being serialized: what sinks receive, so that text
/// cells reach a CSV file without being copied first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellRef<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
    /// Days since 1970-01-01.
    Date(i32),
    List(&'a [String]),
}

impl Cell {
    pub fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Null => CellRef::Null,
            Cell::Bool(b) => CellRef::Bool(*b),
            Cell::Int(i) => CellRef::Int(*i),
            Cell::Float(f) => CellRef::Float(*f),
            Cell::Str(s) => CellRef::Str(s),
            Cell::Date(d) => CellRef::Date(*d),
            Cell::List(items) => CellRef::List(items),
        }
    }
}

impl CellRef<'_> {
    pub fn to_owned(self) -> Cell {
        match self {
            CellRef::Null => Cell::Null,
            CellRef::Bool(b) => Cell::Bool(b),
            CellRef::Int(i) => Cell::Int(i),
            CellRef::Float(f) => Cell::Float(f),
            CellRef::Str(s) => Cell::Str(s.to_string()),
            CellRef::Date(d) => Cell::Date(d),
            CellRef::List(items) => Cell::List(items.to_vec()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CellError {
    #[error("cannot store {0} in a table cell")]
    Unsupported(String),
    /// The receiver of the cells failed (a sink's write error).
    #[error(transparent)]
    Sink(#[from] crate::error::Error),
}

fn unsupported(what: impl Into<String>) -> CellError {
    CellError::Unsupported(what.into())
}

impl ser::Error for CellError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        unsupported(msg.to_string())
    }
}

/// What receives a row's cells, in field order. A type parameter rather than a `dyn`, so
/// that the millions of cells of a corpus are handed on without an indirect call each.
pub trait Emit: FnMut(CellRef<'_>) -> Result<(), CellError> {}

impl<F: FnMut(CellRef<'_>) -> Result<(), CellError>> Emit for F {}

/// Serializes a row struct, handing each cell to `emit` as soon as it is known.
pub fn each_cell<R: Serialize, E: Emit>(row: &R, emit: &mut E) -> Result<(), CellError> {
    row.serialize(RowSerializer { emit })
}

/// Serializes a row struct into owned cells, in field order.
pub fn to_cells<R: Serialize>(row: &R, out: &mut Vec<Cell>) -> Result<(), CellError> {
    out.clear();
    each_cell(row, &mut |cell: CellRef<'_>| {
        out.push(cell.to_owned());
        Ok(())
    })
}

struct RowSerializer<'a, E> {
    emit: &'a mut E,
}

macro_rules! unsupported {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, CellError> {
            Err(unsupported(stringify!($method).trim_start_matches("serialize_")))
        })*
    };
}

impl<'a, E: Emit> ser::Serializer for RowSerializer<'a, E> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), CellError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CellError> {
        Ok(self)
    }

    unsupported! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> (); serialize_i16(i16) -> (); serialize_i32(i32) -> (); serialize_i64(i64) -> ();
        serialize_u8(u8) -> (); serialize_u16(u16) -> (); serialize_u32(u32) -> (); serialize_u64(u64) -> ();
        serialize_f32(f32) -> (); serialize_f64(f64) -> (); serialize_char(char) -> ();
        serialize_str(&str) -> (); serialize_bytes(&[u8]) -> (); serialize_none() -> ();
        serialize_unit() -> (); serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), CellError> {
        Err(unsupported("an optional row"))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        Err(unsupported("a newtype row"))
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        Err(unsupported("an enum row"))
    }
}

impl<E: Emit> ser::SerializeStruct for RowSerializer<'_, E> {
    type Ok = ();
    type Error = CellError;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(CellSerializer {
            emit: &mut *self.emit,
            date: false,
        })
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

/// Serializes one field value into one cell and hands it on; text is handed on from
/// inside `serialize_str`, while it is still borrowed.
struct CellSerializer<'a, E> {
    emit: &'a mut E,
    /// Inside the date newtype: the integer is a day number.
    date: bool,
}

impl<E: Emit> CellSerializer<'_, E> {
    #[inline]
    fn int(self, v: i64) -> Result<(), CellError> {
        let cell = if self.date {
            CellRef::Date(i32::try_from(v).map_err(|_| unsupported(format!("date {v}")))?)
        } else {
            CellRef::Int(v)
        };
        (self.emit)(cell)
    }
}

impl<'a, E: Emit> ser::Serializer for CellSerializer<'a, E> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = ListSerializer<'a, E>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Impossible<(), CellError>;
    type SerializeStructVariant = Impossible<(), CellError>;

    #[inline]
    fn serialize_bool(self, v: bool) -> Result<(), CellError> {
        (self.emit)(CellRef::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), CellError> {
        self.int(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), CellError> {
        self.int(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), CellError> {
        self.int(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), CellError> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), CellError> {
        self.int(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), CellError> {
        self.int(v.into())
    }
    #[inline]
    fn serialize_u32(self, v: u32) -> Result<(), CellError> {
        self.int(v.into())
    }
    #[inline]
    fn serialize_u64(self, v: u64) -> Result<(), CellError> {
        let v = i64::try_from(v).map_err(|_| unsupported(format!("integer {v}")))?;
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), CellError> {
        (self.emit)(CellRef::Float(widen(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<(), CellError> {
        (self.emit)(CellRef::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<(), CellError> {
        (self.emit)(CellRef::Str(v.encode_utf8(&mut [0; 4])))
    }
    #[inline]
    fn serialize_str(self, v: &str) -> Result<(), CellError> {
        (self.emit)(CellRef::Str(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), CellError> {
        Err(unsupported("bytes"))
    }
    #[inline]
    fn serialize_none(self) -> Result<(), CellError> {
        (self.emit)(CellRef::Null)
    }
    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), CellError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CellError> {
        (self.emit)(CellRef::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), CellError> {
        (self.emit)(CellRef::Null)
    }
    #[inline]
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), CellError> {
        (self.emit)(CellRef::Str(variant))
    }
    #[inline]
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(CellSerializer {
            emit: self.emit,
            date: name == DATE_NEWTYPE,
        })
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        Err(unsupported(format!("enum variant {variant} with data")))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<ListSerializer<'a, E>, CellError> {
        Ok(ListSerializer {
            emit: self.emit,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CellError> {
        Err(unsupported("tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, CellError> {
        Err(unsupported("tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, CellError> {
        Err(unsupported("tuple variant"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, CellError> {
        Err(unsupported("map"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, CellError> {
        Err(unsupported("nested struct"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, CellError> {
        Err(unsupported("struct variant"))
    }
}

/// `v` through its shortest decimal form, so 0.95f32 is 0.95 and not 0.949999988; the form
/// is written on the stack (at most 47 characters), as this runs for every quote.
fn widen(v: f32) -> f64 {
    struct Digits {
        bytes: [u8; 64],
        len: usize,
    }
    impl std::fmt::Write for Digits {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            let end = self.len + s.len();
            let into = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
            into.copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut digits = Digits {
        bytes: [0; 64],
        len: 0,
    };
    std::fmt::Write::write_fmt(&mut digits, format_args!("{v}"))
        .ok()
        .and_then(|()| std::str::from_utf8(&digits.bytes[..digits.len]).ok())
        .and_then(|text| text.parse().ok())
        .unwrap_or(v.into())
}

/// A list column: its items are collected, then handed on as one cell.
struct ListSerializer<'a, E> {
    emit: &'a mut E,
    items: Vec<String>,
}

impl<E: Emit> ser::SerializeSeq for ListSerializer<'_, E> {
    type Ok = ();
    type Error = CellError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), CellError> {
        let items = &mut self.items;
        value.serialize(CellSerializer {
            emit: &mut |cell: CellRef<'_>| match cell {
                CellRef::Str(s) => {
                    items.push(s.to_string());
                    Ok(())
                }
                other => Err(unsupported(format!("list element {other:?}"))),
            },
            date: false,
        })
    }

    fn end(self) -> Result<(), CellError> {
        (self.emit)(CellRef::List(&self.items))
    }
}

#[cfg(test)]
mod tests {
    use super::widen;

    /// The stack-written form reads back as the allocated one, at the extremes too (the
    /// smallest subnormal is the longest form).
    #[test]
    fn widens_through_the_shortest_decimal_form() {
        use proptest::prelude::*;
        let reference = |v: f32| v.to_string().parse::<f64>().unwrap();
        for v in [
            0.95,
            0.1,
            1e-45,
            -1e-45,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            0.0,
            -0.0,
        ] {
            assert_eq!(widen(v).to_bits(), reference(v).to_bits(), "{v}");
        }
        assert_eq!(widen(0.95), 0.95);
        proptest!(|(v in any::<f32>().prop_filter("a number", |v| !v.is_nan()))| {
            prop_assert_eq!(widen(v).to_bits(), reference(v).to_bits());
        });
    }
}
