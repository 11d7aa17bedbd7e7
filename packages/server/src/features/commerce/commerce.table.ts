import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

export interface ProductCategoryTable {
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductTable {
  id: string;
  workspace_id: string;
  sku: string;
  sku_key: string;
  name: string;
  name_key: string;
  category_id: string | null;
  price: number;
  currency: string;
  active: Bool;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  created_by: string | null;
  updated_by: string | null;
  version: number;
}

export interface OrderTable {
  id: string;
  workspace_id: string;
  number: string;
  number_key: string;
  external_id: string | null;
  contact_id: string;
  company_id: string | null;
  ordered_at: Timestamp;
  channel: string | null;
  status: string;
  currency: string;
  subtotal: number;
  discount: number;
  shipping: number;
  total: number;
  tags: Json;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  created_by: string | null;
  updated_by: string | null;
  version: number;
}

export interface OrderLineTable {
  order_id: string;
  line_no: number;
  workspace_id: string;
  product_id: string | null;
  sku: string | null;
  name: string;
  quantity: number;
  unit_price: number;
  discount: number;
  line_total: number;
}
