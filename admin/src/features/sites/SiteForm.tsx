import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch, TreeSelect } from 'antd';
import type { ColumnNode } from '@contract/sites';
import { eachRule, requiredRule, rule } from '../../lib/form';
import {
  all,
  hostName,
  maxLength,
  outsideUrl,
  probeUrl,
  required,
  siteCodeSlug,
  themeName,
  websiteId,
} from '../../lib/rules';
import { columnTreeData } from '../articles/column-options';

const max = (n: number) => ({ max: n, message: `不能超过 ${n} 个字符` });
// Themes are folders under themes/ on the server; the county ships one.
const THEMES = [{ value: 'default', label: 'default（默认主题）' }];

/** A site's identity (shown in its footer), its theme and its home page blocks. */
export function SiteFields({ tree, creating }: { tree: ColumnNode[]; creating: boolean }) {
  return (
    <>
      <Card title={<h2 className="card-title">网站标识</h2>} className="section-card" size="small">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="网站名称" name="name" rules={[requiredRule(), max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="站点代码"
              name="code"
              rules={[requiredRule('请填写站点代码'), rule(siteCodeSlug)]}
              extra="小写字母开头，如 county、lianshui-town"
            >
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="网站标识码"
              name="siteCode"
              rules={[rule(websiteId)]}
              extra="全国政府网站标识码，10 位数字"
            >
              <Input maxLength={10} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="ICP备案号" name="icp" rules={[max(100)]}>
              <Input maxLength={100} placeholder="如 苏ICP备12345678号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="公安备案号" name="psb" rules={[max(100)]}>
              <Input maxLength={100} placeholder="如 苏公网安备 32082602000001号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="主办单位" name="sponsor" rules={[max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="承办单位" name="organizer" rules={[max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="联系方式" name="contact" rules={[max(300)]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="域名"
              name="hosts"
              rules={[eachRule(all(required(), hostName, maxLength(255)), 20, '域名')]}
              extra="访问本站使用的域名，输入后按回车"
            >
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ' ', '，']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="公网访问地址（可用性监测）"
              name="probeUrl"
              rules={[rule(probeUrl)]}
              extra="系统按设定频次访问此地址（每天至少 20 次，每次等待 15 秒），计算“站点无法访问”指标；不填则此项暂不适用"
            >
              <Input maxLength={1000} inputMode="url" placeholder="https://www.lianshui.gov.cn/" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="党政机关网站标识核验地址"
              name="conacUrl"
              rules={[rule(outsideUrl('党政机关网站标识的核验地址'))]}
              extra="本站在党政机关网站标识核验服务中的页面地址；填写后页脚显示党政机关网站标识并链接到此地址"
            >
              <Input maxLength={1000} inputMode="url" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="“我为政府网站找错”地址"
              name="jiucuoUrl"
              rules={[rule(outsideUrl('“我为政府网站找错”的地址'))]}
              extra="页脚“我为政府网站找错”入口的链接；不填则链接到全国政府网站找错平台首页"
            >
              <Input maxLength={1000} inputMode="url" placeholder="https://zfwzzc.www.gov.cn/" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="主题" name="theme" rules={[requiredRule('请选择主题'), rule(themeName)]}>
              <AutoComplete options={THEMES} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="默认站点" name="isDefault" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {!creating && (
        <Card title={<h2 className="card-title">首页信息区块</h2>} className="section-card" size="small">
          <p className="muted">首页按顺序显示这些栏目的最新信息。</p>
          <Form.List name="homeBlocks">
            {(fields, { add, remove, move }) => (
              <>
                {fields.map((f, i) => (
                  <Row key={f.key} gutter={8} align="top">
                    <Col xs={24} md={9}>
                      <Form.Item
                        label={`区块 ${i + 1} 栏目`}
                        name={[f.name, 'columnId']}
                        rules={[{ required: true, message: '请选择栏目' }]}
                      >
                        <TreeSelect showSearch treeNodeFilterProp="title" treeData={columnTreeData(tree, () => true)} />
                      </Form.Item>
                    </Col>
                    <Col xs={14} md={7}>
                      <Form.Item
                        label={`区块 ${i + 1} 标题`}
                        name={[f.name, 'title']}
                        rules={[max(50)]}
                        extra="留空用栏目名称"
                      >
                        <Input maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={3}>
                      <Form.Item
                        label="条数"
                        name={[f.name, 'limit']}
                        initialValue={8}
                        rules={[{ type: 'number', min: 1, max: 30, message: '1 到 30 条' }]}
                      >
                        <InputNumber min={1} max={30} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={5} className="block-actions">
                      <Button
                        type="text"
                        icon={<ArrowUpOutlined aria-hidden />}
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                        aria-label={`区块 ${i + 1} 上移`}
                      />
                      <Button
                        type="text"
                        icon={<ArrowDownOutlined aria-hidden />}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, i + 1)}
                        aria-label={`区块 ${i + 1} 下移`}
                      />
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined aria-hidden />}
                        onClick={() => remove(f.name)}
                        aria-label={`删除区块 ${i + 1}`}
                      />
                    </Col>
                  </Row>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ limit: 8 })}
                  disabled={fields.length >= 30}
                >
                  添加区块
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      )}
    </>
  );
}
